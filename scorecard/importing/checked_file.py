"""An upload's table as checked for its preview, kept for its confirmation.

The confirmation imports these very rows: the uploaded file is parsed once,
and what is kept is our own Arrow stream, not the user's spreadsheet."""

import pandas as pd
import pyarrow as pa

from scorecard.importing.values import COLUMNS

OPTIONS = pa.ipc.IpcWriteOptions(compression="zstd")


def table_bytes(table: pd.DataFrame) -> bytes:
    arrow = pa.Table.from_pandas(table[COLUMNS], preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, arrow.schema, options=OPTIONS) as writer:
        writer.write_table(arrow)
    return sink.getvalue().to_pybytes()


def table_from_bytes(data: bytes) -> pd.DataFrame:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all().to_pandas()
