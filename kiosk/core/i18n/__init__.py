"""Translation catalogs (gettext PO via Babel) for UI and content strings. Never imports Qt.

- `languages`: the supported languages, with native names and text direction from Babel;
- `extract`: collect every UI, document and content string into `translations/lantern.pot`
  and merge it into each `translations/<lang>.po`;
- `catalogs`: load the PO files and look strings up with their review status
  (`CatalogLocalizer` implements `kiosk.core.localizer.Localizer`);
- `placeholders`: named placeholders must match between source and translation;
- `status`: the per-language coverage table.
"""
