"""Reports: charts (/bieudo), Excel export (/xuat), spreadsheet import (/nhap), chart links."""
