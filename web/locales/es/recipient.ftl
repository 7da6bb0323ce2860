# Lado del destinatario: las páginas de un enlace y los correos a los destinatarios.

## Page shell
skip-to-content = Saltar al contenido
language = Idioma

## 404
not-found-title = Enlace no encontrado
not-found-body = No hay nada compartido en esta dirección. Puede que el enlace esté mal escrito o incompleto: compruebe que lo ha copiado entero.
not-found-hint = Si sigue sin funcionar, pida un enlace nuevo a la persona que se lo envió.

## 410
gone-expired = Este enlace ha caducado
gone-recipient-expired = Su enlace ha caducado
gone-disabled = Este enlace está desactivado
gone-used-up = Este enlace ya se ha agotado
gone-creator-deleted = Este enlace ya no funciona
gone-recipient-removed = Se ha retirado su acceso
gone-asset-unavailable = Este archivo ya no está disponible
gone-why-expired = Los archivos compartidos solo están disponibles durante un tiempo limitado, y ese tiempo ha terminado.
gone-why-disabled = La persona que lo compartió ha desactivado el enlace por ahora.
gone-why-used-up = Solo podía abrirse un número limitado de veces y ya se han usado todas.
gone-why-creator-deleted = La persona que lo compartió ya no tiene cuenta aquí.
gone-why-recipient-removed = La persona que lo compartió ha retirado su acceso.
gone-why-asset-unavailable = El archivo se ha retirado o ha caducado.
gone-ask = Pida un enlace nuevo a la persona que lo compartió con usted.
gone-ask-named = Pida un enlace nuevo a { $who }, que lo compartió.

## Password
unlock-title = Enlace protegido
unlock-heading = Este enlace está protegido
unlock-intro = Introduzca la contraseña que le dieron para ver los archivos.
unlock-wrong = Contraseña incorrecta. Inténtelo de nuevo.
unlock-password = Contraseña
unlock-open = Abrir
unlock-no-password = ¿No tiene contraseña? Pídala a la persona que compartió el enlace.

## 429
slow-title = Demasiados intentos
slow-body = La contraseña se ha escrito mal demasiadas veces. Por su seguridad, vuelva a intentarlo dentro de { $wait }.
slow-seconds = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
}
slow-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
slow-lost = Si ha perdido la contraseña, pídala a la persona que compartió el enlace.

## Landing page
landing-summary = { $count ->
    [one] { $count } archivo
   *[other] { $count } archivos
} · { $size }
landing-available-until = Disponible hasta el { $date }
landing-uses-left = { $count ->
    [one] queda { $count } visita
   *[other] quedan { $count } visitas
}
landing-view-only = Solo ver
landing-download-all = Descargar todo
landing-download-all-files = Descargar todos los archivos
landing-views = Vista
landing-grid-view = Vista de cuadrícula
landing-grid = Cuadrícula
landing-list-view = Vista de lista
landing-list = Lista
landing-empty = Ahora mismo no hay archivos en este enlace.
landing-empty-ask = Pregunte a la persona que lo compartió.
landing-name = Nombre
landing-files = Archivos
landing-play = Reproducir { $name }
landing-open = Ver { $name }
landing-download = Descargar
landing-download-one = Descargar { $name }
landing-footer = Compartido con { $brand } · disponible hasta el { $date }

## What a file is
kind-image = Imagen
kind-video = Vídeo
kind-audio = Audio
kind-document = Documento
kind-other = Archivo

## Attribute columns
column-type = Tipo
column-size = Tamaño
column-dimensions = Dimensiones
column-duration = Duración

## Downloads
variant-original = Original
variant-preview = Vista previa
variant-thumbnail = Miniatura
variant-preset = Ajuste «{ $name }»
variant-page = Página { $page }
variant-proxy = Copia reproducible
variant-attachment = Adjunto
attachment-named = Adjunto «{ $name }»
contact-sheet = Hoja de contactos (PDF)
sheet-footer = Página { $page } de { $pages } - { $count ->
    [one] { $count } archivo
   *[other] { $count } archivos
}
download-everything = Todo
download-all-files = Todos los archivos
download-only = Solo { $variant }
download-csv-only = Solo atributos (CSV)

## The lightbox
lightbox-close = Cerrar
lightbox-previous = Anterior
lightbox-next = Siguiente
lightbox-previous-page = Página anterior
lightbox-next-page = Página siguiente
lightbox-page = Página { $page } / { $total }

## Formats
date-time = { $day } { $month ->
    [1] ene
    [2] feb
    [3] mar
    [4] abr
    [5] may
    [6] jun
    [7] jul
    [8] ago
    [9] sept
    [10] oct
    [11] nov
   *[12] dic
} { $year }, { $time } UTC
size = { $value } { $unit ->
    [b] B
    [kb] kB
    [mb] MB
    [gb] GB
   *[tb] TB
}

## Emails to recipients
email-shared-subject = { $sharer } ha compartido «{ $title }» con usted
email-shared-intro = { $sharer } ha compartido «{ $title }» con usted.
email-message = Mensaje:
email-summary = { $count ->
    [one] { $count } archivo
   *[other] { $count } archivos
} · disponible hasta el { $date }
email-open = Abrir lo compartido
email-open-text = Abrir: { $link }
email-reminder-subject = Recordatorio: «{ $title }» está disponible hasta el { $date }
email-reminder-body = { $sharer } ha compartido «{ $title }» con usted y aún no lo ha descargado. Su enlace funciona hasta el { $date }.

## Upload request page (/u/…); request.js fills in {name}, {status} and {received}
request-asked-by = Solicitado por { $name }
request-open-until = Abierto hasta el { $date }
request-limit-files = { $count ->
    [one] Hasta { $count } archivo
   *[other] Hasta { $count } archivos
}
request-limit-size = hasta { $size } en total
request-limit-types = solo { $types }
request-your-name = Su nombre
request-your-email = Su correo electrónico
request-optional = (opcional)
request-drop = Suelte archivos aquí
request-drop-or = o
request-choose = Elegir archivos
request-your-files = Sus archivos
request-nothing-sent = Aún no ha enviado nada. Los archivos que envíe aparecen aquí; puede quitarlos mientras el enlace esté abierto. Nadie más que tenga este enlace los ve.
request-needs-script = Para enviar archivos se necesita JavaScript.
request-waiting = En espera
request-sent = Enviado
request-remove = Quitar
request-progress = Progreso de { $name }
request-failed = Error ({ $status })
request-count = { $max ->
    [one] { $received } de { $max } archivo
   *[other] { $received } de { $max } archivos
}

## Emails to those asked for files (an upload request)
email-request-subject = { $asker } le pide archivos: «{ $title }»
email-request-intro = { $asker } le pide que envíe archivos para «{ $title }».
email-request-open-until = Abierto hasta el { $date }
email-request-send = Enviar sus archivos
email-request-send-text = Enviar sus archivos: { $link }
