"""Realistic demo and benchmark data: an Italian food-service wholesaler's ERP export.

- `generate_export` writes one consistent `io_*.dat` file per layout into `gestionale/`.
- `generate_media` writes catalog images and PDFs into `multimedia/` and `reports/`.
- `write_listini_full`, `write_art`, `write_customers_bulk` and `mutate_listini` write
  large files for benchmarks as a stream, with flat memory.
"""

from appliance.demo.bigfiles import mutate_listini, write_art, write_customers_bulk, write_listini_full
from appliance.demo.generator import generate_export
from appliance.demo.media import generate_media

__all__ = ["generate_export", "generate_media", "mutate_listini", "write_art", "write_customers_bulk",
           "write_listini_full"]
