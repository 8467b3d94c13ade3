"""More than 200 hostile CSV and XLSX uploads: bombs, malformed XML, bad
string indexes, fake zips, repeated headings, huge numbers and cells, and
every formula form. Each is refused; none is a valid upload.

XLSX files are written part by part here, so each can break one part.
Every case is a function, so a file is only built when a test asks for it.
"""

import functools
import io
import zipfile
from collections.abc import Callable

# Text a spreadsheet would run as a formula (and text it would not, beside the tests).
FORMULAS = [
    "=1+1", "+A1", "-SUM(A1:A2)", "@SUM(A1)", '-1+HYPERLINK("http://x","y")',
    "+1+cmd|' /C calc'!A0", "\t=1", "\r=1", "  =1", "-", "+", "=", "\tplain", "\rplain",
    "-2+3",
]


HEADER = "measure,area,month,value,numerator,denominator,weight,note"
GOOD_ROW = ["CALLS", "FORCE", "2023-10", "9429", "", "", "", ""]
# Files broken in some other part carry this row, so that if the break went
# unnoticed the file would still be refused, not kept for a preview.
UNKNOWN_ROW = ["NO-SUCH-MEASURE", "FORCE", "2023-10", "1", "", "", "", ""]
COLUMNS = HEADER.split(",")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Values" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def inline(ref: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def sheet_rows(rows: list[list[str]], first: int = 1) -> str:
    return "".join(
        f'<row r="{first + n}">'
        + "".join(inline(f"{column_letter(c)}{first + n}", cell)
                  for c, cell in enumerate(row) if cell != "")
        + "</row>"
        for n, row in enumerate(rows))


def sheet(rows_xml: str, dimension: str | None = "A1:H2") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{dim}<sheetData>{rows_xml}</sheetData></worksheet>'


def strings(*texts: str) -> str:
    items = "".join(f"<si><t>{t}</t></si>" for t in texts)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(texts)}">{items}</sst>'


def xlsx(sheet_xml: str | None = None, strings_xml: str | None = None,
         **replace: bytes | str) -> bytes:
    """A whole XLSX; `replace` swaps a part by its name (dots and slashes as _)."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml or sheet(sheet_rows([COLUMNS, UNKNOWN_ROW])),
        "xl/sharedStrings.xml": strings_xml or strings(),
    }
    for key, value in replace.items():
        name = next(n for n in parts if n.replace(".", "_").replace("/", "_") == key)
        parts[name] = value
    return _zip(parts)


def rows_xlsx(rows: list[list[str]], dimension: str | None = None) -> bytes:
    return xlsx(sheet(sheet_rows(rows), dimension))


def csv(*rows: list[str] | str, header: str = HEADER) -> bytes:
    lines = [header] + [row if isinstance(row, str) else ",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def with_cell(column: str, text: str) -> list[str]:
    row = list(GOOD_ROW)
    row[COLUMNS.index(column)] = text
    return row


def quoted(row: list[str]) -> str:
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in row)


# --- bombs, too large for the archive's own checks -------------------------

@functools.cache
def zip_bomb() -> bytes:
    """One sheet that unzips to 420 MB of spaces (about 0.4 MB zipped)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                              ("xl/workbook.xml", WORKBOOK),
                              ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)]:
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(f"<?xml version='1.0'?><worksheet {NS}><sheetData>".encode())
            block = b" " * 1_000_000
            for _ in range(420):
                member.write(block)
            member.write(b"</sheetData></worksheet>")
    return out.getvalue()


def many_members() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(1_200):
            archive.writestr(f"xl/media/{n}.xml", "")
    return out.getvalue()


def huge_shared_strings() -> bytes:
    return xlsx(strings_xml=strings(*(["A" * 1000] * 25_000)))


def billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
            f'<sst {NS}><si><t>&a9;</t></si></sst>')
    return xlsx(strings_xml=bomb, sheet_xml=sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))


def external_entity() -> bytes:
    xxe = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           f'<sst {NS}><si><t>&x;</t></si></sst>')
    return xlsx(strings_xml=xxe, sheet_xml=sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))


def shared_string_cell(index: str, kind: str = "s") -> bytes:
    header = "".join(inline(f"{column_letter(c)}1", name) for c, name in enumerate(COLUMNS))
    row = f'<row r="2"><c r="A2" t="{kind}"><v>{index}</v></c></row>'
    return xlsx(sheet(f'<row r="1">{header}</row>{row}'), strings("CALLS"))


def fake_zips() -> dict[str, Callable[[], bytes]]:
    good = xlsx()
    return {
        "xlsx-signature-then-garbage": lambda: b"PK\x03\x04" + b"\xff" * 5000,
        "xlsx-truncated-half": lambda: good[: len(good) // 2],
        "xlsx-truncated-end": lambda: good[:-30],
        "xlsx-central-directory-broken": lambda: good[:-22] + b"PK\x05\x06" + b"\x00" * 2,
        "xlsx-zip-without-workbook": lambda: _zip({"hello.txt": "hi"}),
        "xlsx-empty-zip": lambda: _zip({}),
        "xlsx-zip-of-a-csv": lambda: _zip({"values.csv": csv(GOOD_ROW).decode()}),
        "xlsx-no-sheets": lambda: xlsx(
            xl_workbook_xml=WORKBOOK.replace('<sheet name="Values" sheetId="1" r:id="rId1"/>', "")),
        "xlsx-sheet-missing": lambda: _zip({
            "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": WORKBOOK_RELS}),
        "xlsx-encrypted-member": lambda: good.replace(b"PK\x03\x04\x14\x00\x00", b"PK\x03\x04\x14\x00\x01"),
        "xlsx-pdf-renamed": lambda: b"%PDF-1.7\n" + b"0" * 100,
        "xlsx-gzip": lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 100,
    }


def _zip(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def broken_xml() -> dict[str, Callable[[], bytes]]:
    cases = {}
    for part in ["xl_worksheets_sheet1_xml", "xl_sharedStrings_xml", "xl_workbook_xml",
                 "xl__rels_workbook_xml_rels", "_Content_Types__xml", "_rels__rels"]:
        for how, text in [("unclosed", "<worksheet><sheetData><row>"), ("not-xml", "\x00\x01 ]]>"),
                          ("wrong-root", "<html><body>hi</body></html>"), ("empty", "")]:
            cases[f"xlsx-{how}-{part}"] = functools.partial(_replaced, part, text)
    return cases


def _replaced(part: str, text: str) -> bytes:
    if part == "_Content_Types__xml":
        return _zip({"[Content_Types].xml": text, "_rels/.rels": ROOT_RELS,
                     "xl/workbook.xml": WORKBOOK})
    if part == "_rels__rels":
        return _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": text,
                     "xl/workbook.xml": WORKBOOK})
    return xlsx(**{part: text})


def dimensions() -> dict[str, Callable[[], bytes]]:
    rows = sheet_rows([COLUMNS, UNKNOWN_ROW])
    cases = {f"xlsx-dimension-{ref.replace(':', '-')}": functools.partial(xlsx, sheet(rows, ref))
             for ref in ["A1:XFD1048576", "A1:H1048576", "A1:XFD2", "A1:ZZ10", "A1:Z500000",
                         "A1:H1000002", "A1:AA2", "A1:H99999999"]}
    cases["xlsx-row-numbered-1048576"] = lambda: xlsx(sheet(
        sheet_rows([COLUMNS]) + sheet_rows([UNKNOWN_ROW], first=1_048_576), None))
    cases["xlsx-cell-in-column-XFD"] = lambda: xlsx(sheet(
        sheet_rows([COLUMNS]) + '<row r="2">' + inline("XFD2", "far") + "</row>", None))
    cases["xlsx-header-27-columns"] = lambda: rows_xlsx([[f"c{n}" for n in range(27)]])
    return cases


def shared_string_indexes() -> dict[str, Callable[[], bytes]]:
    return {f"xlsx-shared-string-{name}": functools.partial(shared_string_cell, index, kind)
            for name, index, kind in [
                ("index-past-end", "999", "s"), ("index-negative", "-1", "s"),
                ("index-text", "abc", "s"), ("index-huge", "99999999999999999999", "s"),
                ("index-float", "0.5", "s"), ("index-empty", "", "s"),
                ("number-text", "abc", "n"), ("bool-text", "maybe", "b"),
                ("date-huge", "9" * 30, "d"), ("error-cell", "#REF!", "e"),
                ("unknown-type", "1", "zz")]}


def xlsx_rows() -> dict[str, Callable[[], bytes]]:
    cases = {}
    for name in ["value", "Value", " value ", "VALUE"]:
        cases[f"xlsx-repeated-heading-{name.strip() or 'blank'}-{name.count(' ')}"] = \
            functools.partial(rows_xlsx, [COLUMNS + [name], GOOD_ROW + ["1"]])
    for text in FORMULAS[:8]:
        cases[f"xlsx-formula-note-{FORMULAS.index(text)}"] = functools.partial(
            rows_xlsx, [COLUMNS, with_cell("note", text)])
    cases["xlsx-formula-cell"] = lambda: xlsx(sheet(
        sheet_rows([COLUMNS]) + '<row r="2"><c r="A2"><f>HYPERLINK("http://x","y")</f></c></row>'))
    cases["xlsx-huge-note"] = lambda: rows_xlsx([COLUMNS, with_cell("note", "N" * 40_000)])
    cases["xlsx-value-1e14"] = lambda: rows_xlsx([COLUMNS, with_cell("value", "100000000000000")])
    cases["xlsx-only-header"] = lambda: rows_xlsx([COLUMNS])
    cases["xlsx-empty-sheet"] = lambda: xlsx(sheet("", None))
    return cases


def csv_cases() -> dict[str, Callable[[], bytes]]:
    cases: dict[str, Callable[[], bytes]] = {
        "csv-empty": lambda: b"",
        "csv-spaces": lambda: b"   \n\n  ",
        "csv-only-header": lambda: csv(),
        "csv-nul-bytes": lambda: csv(UNKNOWN_ROW) + b"\x00\x00",
        "csv-binary": lambda: bytes(range(256)) * 20,
        "csv-utf16": lambda: csv(UNKNOWN_ROW).decode().encode("utf-16"),
        "csv-unclosed-quote": lambda: csv('CALLS,FORCE,2023-10,"9429,,,,'),
        "csv-ragged-long": lambda: csv(GOOD_ROW + ["extra", "more"]),
        "csv-ragged-short": lambda: csv("CALLS,FORCE"),
        "csv-unknown-column": lambda: csv(GOOD_ROW + ["x"], header=HEADER + ",secret"),
        "csv-header-commas": lambda: b",,,,,,,\n,,,,,,,\n",
        "csv-10000-columns": lambda: (",".join(f"c{n}" for n in range(10_000)) + "\n"
                                      + ",".join("1" * 10_000) + "\n").encode(),
        "csv-huge-cell-measure": lambda: csv(with_cell("measure", "M" * 3_000_000)),
        "csv-huge-cell-note": lambda: csv(with_cell("note", "N" * 3_000_000)),
        "csv-long-note": lambda: csv(with_cell("note", "N" * 5_000)),
        "csv-quoted-newlines": lambda: csv(quoted(UNKNOWN_ROW[:-1] + ["a\nb\r\nc"]) + "\n,,,"),
        "csv-cp1252-formula": lambda: (HEADER + "\n" + ",".join(with_cell("note", "=£1"))
                                       + "\n").encode("cp1252"),
        "csv-bom-repeated-heading": lambda: b"\xef\xbb\xbf" + csv(GOOD_ROW + ["1"],
                                                                   header=HEADER + ",value"),
        "csv-million-blank-lines": lambda: csv(",,,,,,,x" + "\n" * 1_000_000),
    }
    for name in COLUMNS:
        for variant in [name, name.upper(), f" {name} ", name.title()]:
            cases[f"csv-repeated-heading-{name}-{variant.strip()}-{len(variant)}"] = \
                functools.partial(csv, GOOD_ROW + ["1"], header=f"{HEADER},{variant}")
    for name in ["measure", "area", "month"]:
        cases[f"csv-missing-{name}"] = functools.partial(
            csv, [c for c, n in zip(GOOD_ROW, COLUMNS, strict=True) if n != name],
            header=",".join(n for n in COLUMNS if n != name))
    for column in ["value", "numerator", "denominator", "weight"]:
        for number in ["1e14", "100000000000000", "-1e14", "1E15", "99999999999999999999",
                       "1e308", "1e400", "-1e400", "1,000,000,000,000,000"]:
            cases[f"csv-huge-{column}-{number}"] = functools.partial(csv, with_cell(column, number))
    for column in ["value", "note", "measure", "area", "month"]:
        # Cells are trimmed, so "\tplain" is read as "plain": not a formula.
        for n, text in enumerate(t for t in FORMULAS if t.strip()[:1] in "=+-@"):
            cases[f"csv-formula-{column}-{n}"] = functools.partial(
                csv, quoted(with_cell(column, text)))
    for month in ["2023-13", "9999-99", "0000-01", "99999-01", "2023-1e3", "-2023-10"]:
        cases[f"csv-month-{month}"] = functools.partial(csv, with_cell("month", month))
    for text in ["inf", "nan", "NaN", "Infinity", "0x10", "1_000", "99999999999:00:00"]:
        cases[f"csv-number-{text}"] = functools.partial(csv, with_cell("value", text))
    return cases


def cases() -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Case name -> (file name, function making the file)."""
    found: dict[str, tuple[str, Callable[[], bytes]]] = {
        name: ("values.csv", make) for name, make in csv_cases().items()}
    xlsx_cases: dict[str, Callable[[], bytes]] = {
        "xlsx-zip-bomb": zip_bomb, "xlsx-1200-members": many_members,
        "xlsx-huge-shared-strings": huge_shared_strings, "xlsx-billion-laughs": billion_laughs,
        "xlsx-external-entity": external_entity,
        **fake_zips(), **broken_xml(), **dimensions(), **shared_string_indexes(), **xlsx_rows(),
    }
    found |= {name: ("values.xlsx", make) for name, make in xlsx_cases.items()}
    found["csv-named-xlsx"] = ("values.xlsx", lambda: csv(UNKNOWN_ROW))
    found["xlsx-named-csv"] = ("values.csv", xlsx)
    return found


CASES = cases()
