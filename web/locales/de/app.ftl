# Die Team-App (web/js).

## Sign-in
sign-in = Anmelden
sign-in-tagline = Dateien mit befristeten Links teilen.
sign-in-email = E-Mail
sign-in-password = Passwort
sign-in-wrong = E-Mail oder Passwort ist falsch.
session-ended = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
sign-out = Abmelden

## The sidebar
nav-main = Hauptmenü
nav-assets = Dateien
nav-collections = Sammlungen
nav-shares = Freigaben
nav-requests = Anfragen
nav-admin = Verwaltung
nav-all-shares = Alle Freigaben
nav-users = Benutzer
nav-policy = Freigaberichtlinie
nav-webhooks = Webhooks
language = Sprache

## Errors
not-found = Nicht gefunden
not-found-hint = Es wurde vielleicht gelöscht.
went-wrong = Etwas ist schiefgelaufen
back-to-assets = Zurück zu den Dateien

## The assets page
assets-search = Nach Name oder Attribut suchen
assets-search-label = Dateien durchsuchen
assets-kind = Art
assets-all-kinds = Alle Arten
assets-collection = Sammlung
assets-all-collections = Alle Sammlungen
assets-view = Ansicht
assets-grid-view = Rasteransicht
assets-list-view = Listenansicht
assets-select-visible = Sichtbare auswählen
assets-selection = Auswahl
assets-selected = { $count } ausgewählt
assets-share = Teilen
assets-add-to-collection = Zur Sammlung hinzufügen
assets-remove-from-collection = Aus der Sammlung entfernen
assets-delete = Löschen
assets-clear-selection = Auswahl aufheben
assets-no-match = Keine Treffer
assets-no-match-hint = Versuchen Sie eine andere Suche oder einen anderen Filter.
assets-empty-collection = Diese Sammlung ist leer
assets-empty-collection-hint = Fügen Sie Dateien auf der Seite „Dateien“ hinzu oder laden Sie sie hier hoch.
assets-none = Noch keine Dateien
assets-none-hint = Ziehen Sie Dateien irgendwo auf diese Seite oder wählen Sie sie aus.
assets-none-yet = Es wurde noch nichts hochgeladen.
assets-choose-files = Dateien auswählen
assets-col-selected = Ausgewählt
assets-col-name = Name
assets-col-size = Größe
assets-col-status = Status
assets-col-added = Hinzugefügt
assets-load-more = Mehr laden

## The share dialog
share-language = Sprache der E-Mails an Empfänger
share-language-hint = Die Seiten der Empfänger folgen der Sprache ihres eigenen Browsers.
