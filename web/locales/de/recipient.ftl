# Empfängerseite: die Seiten eines Links und die E-Mails an Empfänger.

## Page shell
skip-to-content = Zum Inhalt springen
language = Sprache

## 404
not-found-title = Link nicht gefunden
not-found-body = Unter dieser Adresse gibt es keine Freigabe. Der Link ist vielleicht vertippt oder abgeschnitten – prüfen Sie, ob Sie ihn vollständig kopiert haben.
not-found-hint = Wenn es weiterhin nicht klappt, bitten Sie die Person, die ihn Ihnen geschickt hat, um einen neuen Link.

## 410
gone-expired = Dieser Link ist abgelaufen
gone-recipient-expired = Ihr Link ist abgelaufen
gone-disabled = Dieser Link ist deaktiviert
gone-used-up = Dieser Link ist aufgebraucht
gone-creator-deleted = Dieser Link funktioniert nicht mehr
gone-recipient-removed = Ihr Zugriff wurde entfernt
gone-asset-unavailable = Diese Datei ist nicht mehr verfügbar
gone-why-expired = Geteilte Dateien sind nur für begrenzte Zeit verfügbar, und diese Zeit ist abgelaufen.
gone-why-disabled = Die Person, die ihn geteilt hat, hat den Link vorerst abgeschaltet.
gone-why-used-up = Er konnte nur begrenzt oft geöffnet werden, und alle Aufrufe sind verbraucht.
gone-why-creator-deleted = Die Person, die ihn geteilt hat, hat hier kein Konto mehr.
gone-why-recipient-removed = Die Person, die ihn geteilt hat, hat Ihren Zugriff entfernt.
gone-why-asset-unavailable = Die Datei wurde zurückgezogen oder ist abgelaufen.
gone-ask = Bitten Sie die Person, die ihn mit Ihnen geteilt hat, um einen neuen Link.
gone-ask-named = Bitten Sie { $who }, der oder die ihn geteilt hat, um einen neuen Link.

## Password
unlock-title = Geschützter Link
unlock-heading = Dieser Link ist geschützt
unlock-intro = Geben Sie das Passwort ein, das Sie erhalten haben, um die Dateien zu sehen.
unlock-wrong = Falsches Passwort. Bitte versuchen Sie es erneut.
unlock-password = Passwort
unlock-open = Öffnen
unlock-no-password = Kein Passwort? Fragen Sie die Person, die den Link geteilt hat.

## 429
slow-title = Zu viele Versuche
slow-body = Das Passwort wurde zu oft falsch eingegeben. Zu Ihrer Sicherheit versuchen Sie es in { $wait } erneut.
slow-seconds = { $count ->
    [one] { $count } Sekunde
   *[other] { $count } Sekunden
}
slow-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
slow-lost = Wenn Sie das Passwort verloren haben, fragen Sie die Person, die den Link geteilt hat.

## Landing page
landing-summary = { $count ->
    [one] { $count } Datei
   *[other] { $count } Dateien
} · { $size }
landing-available-until = Verfügbar bis { $date }
landing-uses-left = { $count ->
    [one] noch { $count } Aufruf
   *[other] noch { $count } Aufrufe
}
landing-view-only = Nur ansehen
landing-download-all = Alle herunterladen
landing-download-all-files = Alle Dateien herunterladen
landing-views = Ansicht
landing-grid-view = Rasteransicht
landing-grid = Raster
landing-list-view = Listenansicht
landing-list = Liste
landing-empty = In dieser Freigabe sind gerade keine Dateien.
landing-empty-ask = Fragen Sie die Person, die sie geteilt hat.
landing-name = Name
landing-files = Dateien
landing-play = { $name } abspielen
landing-open = { $name } ansehen
landing-download = Herunterladen
landing-download-one = { $name } herunterladen
landing-footer = Geteilt über { $brand } · verfügbar bis { $date }

## What a file is
kind-image = Bild
kind-video = Video
kind-audio = Audio
kind-document = Dokument
kind-other = Datei

## Attribute columns
column-type = Typ
column-size = Größe
column-dimensions = Abmessungen
column-duration = Dauer

## Downloads
variant-original = Original
variant-preview = Vorschau
variant-thumbnail = Miniatur
variant-preset = Vorgabe „{ $name }“
variant-page = Seite { $page }
variant-proxy = Abspielbare Kopie
variant-attachment = Anhang
attachment-named = Anhang „{ $name }“
contact-sheet = Kontaktbogen (PDF)
sheet-footer = Seite { $page } von { $pages } - { $count ->
    [one] { $count } Datei
   *[other] { $count } Dateien
}
download-everything = Alles
download-all-files = Alle Dateien
download-only = Nur { $variant }
download-csv-only = Nur Attribute (CSV)

## The lightbox
lightbox-close = Schließen
lightbox-previous = Zurück
lightbox-next = Weiter
lightbox-previous-page = Vorherige Seite
lightbox-next-page = Nächste Seite
lightbox-page = Seite { $page } / { $total }

## Formats
date-time = { $day }. { $month ->
    [1] Jan.
    [2] Feb.
    [3] März
    [4] Apr.
    [5] Mai
    [6] Juni
    [7] Juli
    [8] Aug.
    [9] Sept.
    [10] Okt.
    [11] Nov.
   *[12] Dez.
} { $year }, { $time } UTC
size = { $value } { $unit ->
    [b] B
    [kb] kB
    [mb] MB
    [gb] GB
   *[tb] TB
}

## Emails to recipients
email-shared-subject = { $sharer } hat „{ $title }“ mit Ihnen geteilt
email-shared-intro = { $sharer } hat „{ $title }“ mit Ihnen geteilt.
email-message = Nachricht:
email-summary = { $count ->
    [one] { $count } Datei
   *[other] { $count } Dateien
} · verfügbar bis { $date }
email-open = Freigabe öffnen
email-open-text = Öffnen: { $link }
email-reminder-subject = Erinnerung: „{ $title }“ ist verfügbar bis { $date }
email-reminder-body = { $sharer } hat „{ $title }“ mit Ihnen geteilt; Sie haben es noch nicht heruntergeladen. Ihr Link funktioniert bis { $date }.

## Upload request page (/u/…); request.js fills in {name}, {status} and {received}
request-asked-by = Angefragt von { $name }
request-open-until = Offen bis { $date }
request-limit-files = { $count ->
    [one] Bis zu { $count } Datei
   *[other] Bis zu { $count } Dateien
}
request-limit-size = insgesamt bis zu { $size }
request-limit-types = nur { $types }
request-your-name = Ihr Name
request-your-email = Ihre E-Mail-Adresse
request-optional = (optional)
request-drop = Dateien hierher ziehen
request-drop-or = oder
request-choose = Dateien auswählen
request-your-files = Ihre Dateien
request-nothing-sent = Noch nichts gesendet. Gesendete Dateien erscheinen hier; Sie können sie entfernen, solange der Link offen ist. Niemand sonst, der diesen Link hat, sieht sie.
request-needs-script = Zum Senden von Dateien wird JavaScript benötigt.
request-waiting = Wartet
request-sent = Gesendet
request-remove = Entfernen
request-progress = Fortschritt von { $name }
request-failed = Fehlgeschlagen ({ $status })
request-count = { $max ->
    [one] { $received } von { $max } Datei
   *[other] { $received } von { $max } Dateien
}

## Emails to those asked for files (an upload request)
email-request-subject = { $asker } bittet Sie um Dateien: „{ $title }“
email-request-intro = { $asker } bittet Sie, Dateien für „{ $title }“ zu senden.
email-request-open-until = Offen bis { $date }
email-request-send = Dateien senden
email-request-send-text = Dateien senden: { $link }
