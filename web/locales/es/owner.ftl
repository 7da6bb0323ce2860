# Correos a los propietarios de enlaces y solicitudes, en el idioma que eligieron para la aplicación.

owner-someone-at = alguien desde { $address }
owner-a-recipient = un destinatario
owner-opened-subject = { $who } abrió «{ $title }»
owner-downloaded-subject = { $who } descargó de «{ $title }»
owner-opened = { $who } abrió su enlace «{ $title }».
owner-downloaded = { $who } descargó de su enlace «{ $title }».
owner-the-share = El enlace: { $link }
owner-digest-subject = { $count ->
    [one] Se abrió o descargó { $count } enlace de sus envíos
   *[other] Se abrieron o descargaron { $count } enlaces de sus envíos
}
owner-digest-intro = Desde el último correo sobre sus envíos:
owner-files-subject = { $count ->
    [one] { $count } archivo nuevo
   *[other] { $count } archivos nuevos
} para «{ $title }»
owner-files-intro = Llegaron archivos por su solicitud «{ $title }»:
owner-file-line = { $name } ({ $size }) de { $sender }
owner-sender-unnamed = alguien que no dio su nombre
owner-files-see = Verlos
owner-files-see-text = Verlos: { $link }
