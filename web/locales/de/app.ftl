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

# ---- Team app screens (session 5) ----
## Words many screens share
cancel = Abbrechen
delete = Löschen
save = Speichern
add = Hinzufügen
create = Erstellen
close = Schließen
done = Fertig
remove = Entfernen
share = Teilen
open = Öffnen
copy = Kopieren
copy-link = Link kopieren
# A toast; $what is a thing named below, such as "Link" or "Password".
copied = { $what } kopiert
link = Link
password = Passwort
actions = Aktionen
name = Name
status = { $status ->
    [active] Aktiv
    [disabled] Deaktiviert
    [expired] Abgelaufen
    [used_up] Aufgebraucht
    [creator_deleted] Ersteller gelöscht
    [removed] Entfernt
    [available] Verfügbar
    [unavailable] Nicht verfügbar
   *[other] { $status }
}
kinds = { $kind ->
    [image] Bilder
    [video] Videos
    [audio] Audio
    [document] Dokumente
   *[other] Sonstige
}
kind = { $kind ->
    [image] Bild
    [video] Video
    [audio] Audio
    [document] Dokument
    [other] Sonstiges
   *[file] Datei
}
role = { $role ->
    [viewer] Betrachter
    [editor] Bearbeiter
    [admin] Administrator
   *[other] { $role }
}
size = Größe
size-value = { $value } { $unit ->
    [b] B
    [kb] kB
    [mb] MB
    [gb] GB
   *[tb] TB
}
title = Titel
description = Beschreibung
message = Nachricht
email = E-Mail
expires = Läuft ab
expired = Abgelaufen
created = Erstellt
added = Hinzugefügt
never = Nie
yes = Ja
no = Nein
on = An
off = Aus
enable = Aktivieren
disable = Deaktivieren
no-limit = keine Begrenzung
unlimited = Unbegrenzt
optional = Optional
optional-email-message = Optionale Nachricht in der E-Mail
when = Wann
address = Adresse
file = Datei
files = Dateien
activity = Aktivität
visits = Aufrufe
downloads = Downloads
uses = Nutzungen
access = Zugriff
view-only = Nur ansehen
preview-and-download = Ansehen und herunterladen
all = Alle
deleted-asset = Gelöschte Datei
team-member = Teammitglied
link-enabled = Link aktiviert
email-state = { $state ->
    [queued] In der Warteschlange
    [sent] Gesendet
    [failed] Fehlgeschlagen
   *[other] { $state }
}
n-assets = { $count ->
    [one] { $count } Datei
   *[other] { $count } Dateien
}
n-visits = { $count ->
    [one] { $count } Aufruf
   *[other] { $count } Aufrufe
}
n-downloads = { $count ->
    [one] { $count } Download
   *[other] { $count } Downloads
}
n-uses = { $count ->
    [one] { $count } Nutzung
   *[other] { $count } Nutzungen
}
n-links = { $count ->
    [one] { $count } Link
   *[other] { $count } Links
}

## More of the shell and sign-in
nav-searches = Gespeicherte Suchen
nav-account = Konto
sign-in-code = Code aus Ihrer Authenticator-App (oder ein Wiederherstellungscode)
sign-in-code-wrong = Falscher oder bereits verwendeter Code.
sign-in-code-needed = Geben Sie den Code aus Ihrer Authenticator-App ein.
rename = Umbenennen
delete-named = „{ $name }“ löschen?

## The assets page and collections
asset-select = { $name } auswählen
assets-delete-title = { $count ->
    [one] { $count } Datei löschen?
   *[other] { $count } Dateien löschen?
}
assets-delete-message = Die Dateien werden endgültig entfernt, und Links, die sie enthalten, zeigen sie nicht mehr.
assets-delete-failed = { $count ->
    [one] { $count } konnte nicht gelöscht werden
   *[other] { $count } konnten nicht gelöscht werden
}
assets-deleted = { $count ->
    [one] { $count } Datei gelöscht
   *[other] { $count } Dateien gelöscht
}
collection-share = Sammlung teilen
collection-removed-assets = { $count ->
    [one] { $count } Datei aus { $name } entfernt
   *[other] { $count } Dateien aus { $name } entfernt
}
collection-new-name = Name der neuen Sammlung
collection-new-choice = Neue Sammlung …
collection-name-needed = Geben Sie der Sammlung einen Namen.
collection-added-to = Zu { $name } hinzugefügt
collection-add-title = { $count ->
    [one] { $count } Datei zu einer Sammlung hinzufügen
   *[other] { $count } Dateien zu einer Sammlung hinzufügen
}
collection-rename = Sammlung umbenennen
collection-delete-message = Die Dateien bleiben; nur die Sammlung wird gelöscht. Links, die diese Sammlung teilen, zeigen ihre Dateien nicht mehr.
collection-deleted = Sammlung gelöscht
collections-intro = Benannte Gruppen von Dateien. Teilen Sie eine Sammlung, und der Link folgt ihr, wenn sie sich ändert.
collection-new = Neue Sammlung
collections-none = Noch keine Sammlungen
collections-none-hint = Fassen Sie Dateien für ein Projekt oder einen Kunden zusammen und teilen Sie dann alles auf einmal.
collection-card = { $count ->
    [one] { $count } Datei · erstellt am { $date }
   *[other] { $count } Dateien · erstellt am { $date }
}
collection-name-example = z. B. Frühjahrskampagne
collection-created = Sammlung erstellt

## An asset's history and attachments
history = Verlauf
history-none = Noch keine Änderungen.
history-unreadable = Der Verlauf konnte nicht gelesen werden.
history-field = { $field ->
    [name] Name
    [status] Status
    [expiresAt] Ablauf
   *[other] { $field }
}
remove-named = { $name } entfernen
attachments = Anhänge
attachments-none = Keine Anhänge.
attachments-attached = Angehängt
attachments-unreadable = Die Anhänge konnten nicht gelesen werden.
attachments-attach = Anhängen
attachments-hint = Freigabeerklärungen, LUTs, Sidecar-Dateien: den Empfängern angeboten, wenn ein Link es erlaubt.

## One asset
asset-preview-pending = Die Vorschau wird erstellt …
asset-no-preview = Keine Vorschau für diese Datei
asset-file-name = Dateiname
asset-summary = { $kind } · { $size } · hinzugefügt am { $date }
asset-download = Herunterladen
status-field = Status
asset-unavailable-option = Nicht verfügbar – kann weder heruntergeladen noch geteilt werden
asset-name-saved = Name gespeichert
asset-status-saved = Status gespeichert
asset-expiry-saved = Ablaufdatum gespeichert
asset-attributes-saved = Attribute gespeichert
asset-type = Typ
asset-size-exact = { $size } ({ $bytes } Byte)
asset-thumbnail = Miniaturbild
derivative-state = { $state ->
    [pending] wird erstellt
    [ready] fertig
    [failed] fehlgeschlagen
    [not_applicable] nicht zutreffend
   *[other] { $state }
}
asset-details = Details
asset-expires-hint = Nach diesem Datum kann die Datei weder heruntergeladen noch geteilt werden.
asset-attribute-key = Schlüssel
asset-attribute-name = Attributname
asset-attribute-value = Wert
asset-attribute-value-label = Attributwert
asset-attribute-remove = Attribut entfernen
asset-attributes = Attribute
asset-no-attributes = Keine Attribute.
asset-save-attributes = Attribute speichern
asset-not-shared = Noch nicht geteilt.
share-expires-when = läuft { $when } ab
share-expired-when = abgelaufen { $when }
share-uses-of = { $uses }/{ $max } Nutzungen
asset-sharing = Freigaben
asset-delete-hint = Die Datei und ihre Vorschauen endgültig löschen.
asset-delete-message = Das kann nicht rückgängig gemacht werden. Links, die sie enthalten, zeigen sie nicht mehr.
asset-deleted = Datei gelöscht

## Shares: the list and one share's page
shares-deleted-user = gelöschter Benutzer
shares-owner = Eigentümer
shares-everyone = Alle
shares-admin-intro = Jeder Link im System, egal wer ihn erstellt hat.
shares-intro = Links, die Sie erstellt haben. Wählen Sie Dateien oder eine Sammlung aus, um einen neuen zu erstellen.
shares-new-from-assets = Neuer Link aus Dateien
shares-no-match = Keine passenden Links
shares-none = Noch keine Links
shares-no-match-hint = Versuchen Sie einen anderen Filter.
shares-none-hint = Wählen Sie Dateien aus und klicken Sie auf „Teilen“, um einen Link zu erstellen.
copy-link-of = Link von { $title } kopieren
share-disabled-toast = Link deaktiviert: Er meldet „deaktiviert“, bis er wieder aktiviert wird
share-qr-more = QR-Code & mehr
count-of = { $count } von { $max }
count-left = noch { $count }
last-access = Letzter Zugriff
share-the-link = Den Link teilen
qr-code-for = QR-Code für { $url }
share-guests = Gäste
share-settings = Einstellungen
share-follows-collection-before = Dieser Link folgt der Sammlung{" "}
share-follows-collection-after = : Fügen Sie dort Dateien hinzu oder entfernen Sie sie.
share-collection-deleted = Die Sammlung, der dieser Link folgt, wurde gelöscht.
share-add-assets = Dateien hinzufügen
share-remove-asset = { $name } aus diesem Link entfernen
share-asset-removed = Aus dem Link entfernt
asset = Datei
share-no-assets = Keine Dateien in diesem Link
share-no-assets-hint = Empfänger sehen eine leere Seite.
share-in-the-link = im Link
nothing-found = Nichts gefunden
share-assets-added-skipped = { $count ->
    [one] { $count } Datei hinzugefügt, { $skipped } ausgelassen (nicht verfügbar oder abgelaufen)
   *[other] { $count } Dateien hinzugefügt, { $skipped } ausgelassen (nicht verfügbar oder abgelaufen)
}
share-assets-added = { $count ->
    [one] { $count } Datei hinzugefügt
   *[other] { $count } Dateien hinzugefügt
}
share-add-assets-title = Dateien zum Link hinzufügen
guests-their-link-expires = Ihr Link läuft ab
guests-with-the-link = Mit dem Link
guests-after = Nach { $duration }
guests-invite-title = Gäste einladen
guests-need-someone = Fügen Sie eine E-Mail-Adresse oder ein Teammitglied hinzu.
guests-invited = { $count ->
    [one] { $count } Gast eingeladen
   *[other] { $count } Gäste eingeladen
}
guests-who = E-Mail-Adressen oder Teammitglieder
guests-who-hint = Jeder Gast erhält per E-Mail einen persönlichen Link, der getrennt gezählt wird.
guests-invite = Einladen
guests-none = Noch keine Gäste
guests-none-hint = Jeder mit dem Link kann ihn öffnen. Laden Sie Gäste ein, um jedem einen persönlichen, nachverfolgten Link zu geben.
guest = Gast
guests-link-expires = Link läuft ab
guests-copy-personal-link = Persönlichen Link kopieren
guests-remove = Gast entfernen
guests-remove-title = { $name } entfernen?
guests-remove-message = Der persönliche Link funktioniert sofort nicht mehr.
guests-removed = Gast entfernt
share-event = { $type ->
    [visit] Aufruf
    [unlock_failed] Falsches Passwort
    [preview] Vorschau
    [download] Download
    [bundle] Alle heruntergeladen
   *[other] { $type }
}
activity-none = Noch keine Aktivität
activity-none-hint = Aufrufe, Vorschauen und Downloads erscheinen hier, sobald sie stattfinden.
activity-all-files = Alle Dateien (ZIP)
activity-event-type = Ereignistyp
n-events = { $count ->
    [one] { $count } Ereignis
   *[other] { $count } Ereignisse
}
activity-event = Ereignis
activity-variant = Variante
activity-bytes = Bytes
activity-by = Von
activity-browser = Browser
settings-new-password = Neues Passwort eingeben, um es zu ändern
no-password = Kein Passwort
settings-password-set = Ein Passwort ist gesetzt.
settings-no-password = Jeder mit dem Link kann ihn öffnen.
settings-password-removed-on-save = Das Passwort wird beim Speichern entfernt.
settings-remove-password = Passwort entfernen
save-changes = Änderungen speichern
settings-saved = Einstellungen gespeichert
settings-title = Link-Einstellungen
max-uses = Höchstzahl an Nutzungen
settings-uses-so-far = { $count ->
    [one] Bisher { $count } Nutzung. Eine neue Grenze behält diese Zahl bei.
   *[other] Bisher { $count } Nutzungen. Eine neue Grenze behält diese Zahl bei.
}
danger-zone = Gefahrenbereich
settings-disable-link = Link deaktivieren
settings-enable-link = Link aktivieren
settings-disable-hint = Empfänger sehen „deaktiviert“, bis Sie ihn wieder aktivieren. Nichts geht verloren.
settings-enable-hint = Der Link funktioniert wieder, bis er abläuft.
settings-delete-link = Link löschen
settings-delete-hint = Der Link und die Links seiner Gäste funktionieren endgültig nicht mehr. Die Dateien bleiben.
settings-delete-message = Bisher { $visits ->
    [one] { $visits } Aufruf
   *[other] { $visits } Aufrufe
} und { $downloads ->
    [one] { $downloads } Download
   *[other] { $downloads } Downloads
}. Alle mit dem Link oder einem persönlichen Link verlieren den Zugriff. Das kann nicht rückgängig gemacht werden.
settings-delete-confirm = Link löschen
link-deleted = Link gelöscht
settings-summary = Übersicht
watermark = Wasserzeichen

## The share dialog and the link-ready panel
dialog-file-as-collection = Als neue Sammlung ablegen, der der Link folgt
dialog-collection-default-name = Neue Sammlung vom { $date }
dialog-attribute-history = Attributverlauf (CSV)
dialog-contact-sheet = Kontaktabzug (PDF)
duration-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}
duration-weeks = { $count ->
    [one] { $count } Woche
   *[other] { $count } Wochen
}
duration-years = { $count ->
    [one] { $count } Jahr
   *[other] { $count } Jahre
}
share-default-title = Link vom { $date }, { $time }
dialog-expiry-date = Ablaufdatum
dialog-date = Datum …
dialog-keep = Beibehalten
dialog-now-expires = Läuft derzeit am { $date } ab.
dialog-at-most = Höchstens { $duration } ab jetzt.
dialog-expires-after = Läuft ab nach
dialog-pick-date = Wählen Sie ein Ablaufdatum.
dialog-may-download = Empfänger dürfen herunterladen
originals = Originale
previews = Vorschauen
thumbnails = Miniaturbilder
dialog-preset = Vorgabe „{ $name }“
dialog-attributes-csv = Attribute (CSV)
dialog-variants-hint = Angeboten werden nur die Varianten, die es für jede Datei gibt.
dialog-attributes-shown = Auf der Seite gezeigte Attribute
shown-attribute = { $key ->
    [name] Name
    [type] Typ
    [size] Größe
    [dimensions] Abmessungen
    [duration] Dauer
   *[other] { $key }
}
dialog-watermark = Vorschauen mit Wasserzeichen
dialog-notify = Mich per E-Mail benachrichtigen, wenn ein Link zum ersten Mal
dialog-notify-opened = geöffnet wird
dialog-notify-downloaded = heruntergeladen wird
dialog-notify-hint = Einmal pro Link: für den eigenen Link jedes Empfängers und für die Freigabe.
dialog-remind = Empfänger erinnern, die vor dem Ablauf ihres Links noch nichts heruntergeladen haben
dialog-show-password = Passwort anzeigen
dialog-generate = Erzeugen
dialog-recipients-placeholder = Name oder E-Mail, dann Eingabetaste
dialog-add-recipients = Empfänger hinzufügen
dialog-not-an-email = Keine E-Mail-Adresse
left-out-reason = { $why ->
    [unavailable] als nicht verfügbar markiert
    [expired] abgelaufen
    [not_found] gelöscht
    [not_visible] nicht von Ihnen teilbar
   *[other] { $why }
}
dialog-description-placeholder = Optional: wird den Empfängern unter dem Titel angezeigt
create-link = Link erstellen
dialog-sharing-collection = { $count ->
    [one] Sie teilen die Sammlung „{ $name }“ ({ $count } Datei)
   *[other] Sie teilen die Sammlung „{ $name }“ ({ $count } Dateien)
}
dialog-sharing-search = { $count ->
    [one] Sie teilen die gespeicherte Suche „{ $name }“ (jetzt { $count } Datei, weitere, sobald sie passen)
   *[other] Sie teilen die gespeicherte Suche „{ $name }“ (jetzt { $count } Dateien, weitere, sobald sie passen)
}
dialog-sharing-assets = { $count ->
    [one] Sie teilen { $count } Datei
   *[other] Sie teilen { $count } Dateien
}
dialog-password-hint = Empfänger geben es ein, bevor sie etwas sehen.
dialog-max-uses-hint = Jeder Aufruf zählt als eine Nutzung.
dialog-blocked = { $count ->
    [one] { $count } Datei kann nicht geteilt werden und wird ausgelassen:
   *[other] { $count } Dateien können nicht geteilt werden und werden ausgelassen:
}
dialog-send-to = Senden an (optional)
dialog-send-to-hint = Jeder Empfänger erhält per E-Mail einen persönlichen Link, sodass Sie sehen, wer was geöffnet hat.
dialog-title-needed = Ein Link braucht einen Titel.
dialog-not-made = Der Link konnte nicht erstellt werden: { $reason }
embed-code = Einbettungscode
embed-hint = In eine Webseite oder einen Newsletter einfügen. Browser öffnen den Link in einem neuen Tab.
embed-copy = Code kopieren
optional-message = Optionale Nachricht
email-link-to = Link per E-Mail senden an
email-link-need-address = Fügen Sie mindestens eine E-Mail-Adresse hinzu.
email-link-sent = Gesendet an { $to }.
send = Senden
ready-password = Durch ein Passwort geschützt. Senden Sie es getrennt.
copy-password = Passwort kopieren
email-link = Link per E-Mail
download-qr = QR-Code herunterladen
ready-title = Link bereit
ready-expires = Läuft am { $date } ab
ready-view-only = nur ansehen
ready-left-out = { $count ->
    [one] { $count } Datei ausgelassen:
   *[other] { $count } Dateien ausgelassen:
}
ready-personal-links = { $count ->
    [one] Persönliche Links für { $count } Empfänger
   *[other] Persönliche Links für { $count } Empfänger
}
ready-go-to-share = Zur Freigabeseite

## Upload requests
request-files = Dateien anfordern
requests-intro = Links, über die Personen außerhalb des Teams Ihnen Dateien senden. Was sie senden, landet in Ihren Dateien.
requests-none = Noch keine Anfragen
requests-none-hint = Bitten Sie einen Kunden per Link um sein Filmmaterial oder unterschriebene Dokumente – ganz ohne Konto auf seiner Seite.
request = Anfrage
request-disabled-toast = Link deaktiviert: Er nimmt keine Dateien an, bis er wieder aktiviert wird
request-delete-title = Diese Anfrage löschen?
request-delete-message = Ihr Link funktioniert nicht mehr. Die empfangenen Dateien bleiben in Ihren Dateien.
request-deleted = Anfrage gelöscht
request-on-the-way = { $count } unterwegs
request-of-the-limit = erhalten von der Höchstzahl
request-of-size = von { $size }
request-types = Typen
request-any-type = Beliebig
request-lands-before = Dateien landen in der Sammlung{" "}
request-lands-link = dieser Anfrage
request-lands-after = . Niemand sonst sieht sie, bis Sie sie teilen.
request-from = Von
request-received = Empfangen
request-not-given = Nicht angegeben
request-no-files = Noch keine Dateien
request-no-files-hint = Senden Sie den Link an die Person, die die Dateien hat.
request-asked-by-email = Per E-Mail angefragt
request-email-state = E-Mail-Status
request-what = Was
request-event = { $type ->
    [upload] Hochgeladen
    [deleted] Vom Absender entfernt
    [unlock_failed] Falsches Passwort
   *[other] { $type }
}
request-activity-none = Uploads erscheinen hier, sobald sie stattfinden.
request-title-example = z. B. Rohmaterial vom Dreh
request-description-placeholder = Was Sie brauchen, für alle, die den Link öffnen
no-limit-field = Keine Begrenzung
request-types-placeholder = Beliebig, oder z. B. image/*, video/*, .pdf
request-link = Anfragelink
request-lands-in = Über den Link gesendete Dateien landen in „{ $name }“.
request-lands-in-new = Über den Link gesendete Dateien landen in einer neuen Sammlung, benannt nach der Anfrage.
request-most-files = Höchstzahl an Dateien
request-most-mb = Megabyte insgesamt, höchstens
request-allowed-types = Erlaubte Typen
request-allowed-types-hint = Geprüft wird der Inhalt jeder Datei, nicht nur ihr Name.
request-ask-by-email = Per E-Mail anfragen
request-ask-by-email-hint = Jede Adresse erhält ihren eigenen Link.

## Saved searches
search-in-collection = in einer Sammlung
search-has = hat { $key }
search-all-assets = Alle Dateien
search-saved = Suche gespeichert
search-save = Suche speichern
search-save-hint = Später teilen: Der Link folgt der Suche, während Dateien hinzukommen und wegfallen.
searches-intro = Teilen Sie eine Suche, und der Link zeigt bei jedem Aufruf, was sie findet.
searches-none = Noch keine gespeicherten Suchen
searches-none-hint = Durchsuchen Sie die Dateien und wählen Sie dann „Suche speichern“.
search-described = { $what } · gespeichert am { $date }
delete-search = { $name } löschen
search-delete-message = Links, die daraus erstellt wurden, zeigen nichts mehr.

## The account: two-factor sign-in
totp-title = Zwei-Faktor-Anmeldung
totp-sso = Sie melden sich über das Single Sign-on Ihrer Organisation an; dessen eigene Zwei-Faktor-Anmeldung gilt.
totp-on = An: Bei der Anmeldung wird ein Code aus Ihrer Authenticator-App abgefragt.
totp-turned-off = Die Zwei-Faktor-Anmeldung ist aus.
totp-code-or-recovery = Code oder Wiederherstellungscode
totp-turn-off = Ausschalten
totp-off = Aus. Ergänzen Sie Ihre Anmeldung um einen Code aus einer Authenticator-App.
totp-set-up = Zwei-Faktor-Anmeldung einrichten
totp-qr = QR-Code für Ihre Authenticator-App
totp-scan = Scannen Sie dies mit Ihrer Authenticator-App (oder geben Sie den Schlüssel ein) und tippen Sie dann den angezeigten Code ein.
totp-key = Schlüssel:{" "}
totp-code-from-app = Code aus der App
totp-turn-on = Einschalten
totp-recovery-codes = Die Zwei-Faktor-Anmeldung ist an. Bewahren Sie diese Wiederherstellungscodes sicher auf: Jeder meldet Sie einmal ohne Ihr Telefon an. Sie werden nur jetzt angezeigt.
totp-required = Dieser Server verlangt für jedes Konto einen Code aus einer Authenticator-App. Richten Sie sie ein und melden Sie sich dann mit einem Code erneut an.
totp-sign-in-again = Die Zwei-Faktor-Anmeldung ist an. Melden Sie sich mit einem Code an.

## Admin: users and the sharing policy
users-intro = Personen, die sich zum Hochladen und Teilen anmelden. Empfänger brauchen kein Konto.
users-new = Neuer Benutzer
users-role-of = Rolle von { $email }
users-role-changed = { $email } ist jetzt { $role }
users-links = Links
users-you = Sie
user = Benutzer
users-role = Rolle
role-described = { $role ->
    [viewer] Betrachter – sieht Dateien und Links
    [editor] Bearbeiter – lädt hoch und teilt
   *[admin] Administrator – alles, alle Links, Benutzer
}
users-display-name = Anzeigename
users-first-password = Erstes Passwort
users-new-password = Neu
users-first-password-hint = Wird beim Erstellen des Benutzers kopiert: Übergeben Sie es auf sicherem Weg.
users-create = Benutzer erstellen
users-transfer-nobody = Niemand – die Links funktionieren nicht mehr
users-deleted = { $email } gelöscht
users-delete-title = { $email } löschen?
users-delete-message = Die Person kann sich nicht mehr anmelden. Ihre Links funktionieren nur weiter, wenn Sie sie vorher jemand anderem geben.
users-transfer = Ihre Links übergeben an
users-delete = Benutzer löschen
policy-allowed = Erlaubt
policy-not-allowed = Nicht erlaubt
policy-intro = Festgelegt in der Konfigurationsdatei ([sharing]). Neue Links folgen ihr; bestehende Links behalten die Optionen, mit denen sie erstellt wurden.
policy-expiry = Ablauf
policy-durations = Angebotene Laufzeiten
policy-default = Standard
policy-longest = Längste erlaubte
policy-features = Funktionen
policy-passwords = Passwörter
policy-view-only = Links nur zum Ansehen
policy-use-limits = Nutzungsgrenzen
policy-watermarks = Wasserzeichen
policy-defaults = Standards eines neuen Links
policy-email-first-visit = E-Mail beim ersten Aufruf
policy-email-first-download = E-Mail beim ersten Download
policy-attributes-shown = Gezeigte Attribute
policy-presets = Vorgaben
policy-no-presets = Keine Vorgaben: Fügen Sie der Konfiguration Abschnitte [presets.NAME] hinzu.

## Admin: webhooks
webhooks-intro = Ereignisse, die als signiertes JSON (Header Handoff-Signature) per POST an andere Systeme gehen; eine fehlgeschlagene Zustellung wird erneut versucht, mit jedes Mal längerer Wartezeit (8 Versuche).
webhooks-new = Neuer Webhook
webhooks-deliveries = Zustellungen
webhooks-send-test = Testereignis senden
webhooks-url = URL
webhooks-events = Ereignisse
webhooks-enabled = Aktiv
webhooks-none = Noch keine Webhooks.
webhooks-deliveries-to = Zustellungen an { $url }
webhooks-refresh = Aktualisieren
webhooks-made = Erzeugt
webhooks-tries = Versuche
webhooks-last-answer = Letzte Antwort
delivery-status = { $status ->
    [pending] Wartet auf erneuten Versand
    [delivered] Zugestellt
    [failed] Fehlgeschlagen
   *[other] { $status }
}
webhooks-nothing-sent = Noch nichts gesendet.
webhooks-test-queued = Testereignis eingereiht
webhooks-delete-title = Diesen Webhook löschen?
webhooks-delete-message = Es gehen keine Ereignisse mehr an { $url }.
webhooks-secret = Signaturgeheimnis
webhooks-create = Webhook erstellen
webhooks-secret-hint = Das Signaturgeheimnis wird beim Erstellen kopiert; es wird nicht noch einmal angezeigt.

## The upload panel
upload = Hochladen
upload-overall-progress = Gesamtfortschritt des Uploads
upload-uploading = Wird hochgeladen
upload-close = Uploads schließen
upload-panel = Uploads
upload-overall = Gesamt
upload-uploading-files = { $count ->
    [one] { $count } Datei wird hochgeladen …
   *[other] { $count } Dateien werden hochgeladen …
}
upload-some-failed = { $done } hochgeladen, { $failed } fehlgeschlagen
upload-uploaded = { $count ->
    [one] { $count } Datei hochgeladen
   *[other] { $count } Dateien hochgeladen
}
upload-progress-of = Fortschritt von { $name }
upload-waiting = Wartet
upload-pause = Pausieren
upload-paused = Pausiert
upload-resume = Fortsetzen
upload-resuming = Wird fortgesetzt …
upload-seconds-left = noch { $count } s
upload-minutes-left = noch { $count } min
upload-rate = { $size }/s
upload-retrying = Verbindung unterbrochen: neuer Versuch …
upload-no-asset = Der Server hat keine Datei genannt
upload-failed = Fehlgeschlagen
upload-drop = Dateien zum Hochladen ablegen
# ---- end of the team app screens ----

## The share dialog
share-language = Sprache der E-Mails an Empfänger
share-language-hint = Die Seiten der Empfänger folgen der Sprache ihres eigenen Browsers.

## Domains: the switcher, the admin page and the asset's domain panel
nav-domains = Domänen
domain = Domäne
domain-all = Alle meine Domänen
domain-moved = Verschoben nach { $name }
domains-intro = Jede Datei gehört zu genau einer Domäne; Mitglieder sehen und teilen die Dateien ihrer Domänen. Admins sehen alles.
domain-new = Neue Domäne
domain-rename = Domäne umbenennen
domain-members = Mitglieder
domain-move-hint = Eine Datei verschieben Sie auf ihrer Seite (Bereich „Domäne“), mehrere auf einmal über die Auswahl in der Dateiliste.
domain-member-of = { $email } in { $domain }
domain-member-count = { $email }: { $count ->
    [one] { $count } Domäne
   *[other] { $count } Domänen
}
n-members = { $count ->
    [one] { $count } Mitglied
   *[other] { $count } Mitglieder
}
domain-delete-hint = Nur eine leere Domäne kann gelöscht werden: Verschieben Sie zuerst ihre Dateien und geben Sie ihren Mitgliedern eine andere Domäne.
domain-move-selection = In Domäne verschieben
domain-move-title = { $count ->
    [one] { $count } Datei in eine Domäne verschieben
   *[other] { $count } Dateien in eine Domäne verschieben
}
domain-move = Verschieben
domain-moved-assets = { $count ->
    [one] { $count } Datei nach { $name } verschoben
   *[other] { $count } Dateien nach { $name } verschoben
}
