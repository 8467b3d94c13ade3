"""The Government's national priorities for policing (Home Office, National
Crime and Policing Measures), as item 7A of the Elected Local Policing
Bodies (Specified Information) Order 2011 (SI 2021/547) lists them: seeded by
a migration, kept as data (Administration), and made again by the demo if a
test emptied the table."""

NATIONAL_PRIORITIES = [
    ("homicide", "Reduce murder and other homicide"),
    ("serious-violence", "Reduce serious violence"),
    ("drugs-supply", "Disrupt drugs supply and county lines"),
    ("neighbourhood-crime", "Reduce neighbourhood crime"),
    ("cyber-crime", "Tackle cyber crime"),
    ("victim-satisfaction",
     "Improve satisfaction among victims, with a particular focus on victims of domestic abuse"),
]
