"""XLSForm: reading organisations' forms into flows, and writing workbooks for pyxform."""
