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

## The share dialog
share-language = Sprache der E-Mails an Empfänger
share-language-hint = Die Seiten der Empfänger folgen der Sprache ihres eigenen Browsers.
