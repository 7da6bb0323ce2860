# La aplicación del equipo (web/js).

## Sign-in
sign-in = Iniciar sesión
sign-in-tagline = Comparta archivos con enlaces de duración limitada.
sign-in-email = Correo electrónico
sign-in-password = Contraseña
sign-in-wrong = Correo electrónico o contraseña incorrectos.
session-ended = Su sesión ha terminado. Vuelva a iniciar sesión.
sign-out = Cerrar sesión

## The sidebar
nav-main = Principal
nav-assets = Archivos
nav-collections = Colecciones
nav-shares = Enlaces compartidos
nav-requests = Solicitudes
nav-admin = Administración
nav-all-shares = Todos los enlaces
nav-users = Usuarios
nav-policy = Política de uso compartido
nav-webhooks = Webhooks
language = Idioma

## Errors
not-found = No encontrado
not-found-hint = Puede que se haya eliminado.
went-wrong = Algo ha salido mal
back-to-assets = Volver a los archivos

## The assets page
assets-search = Buscar por nombre o atributo
assets-search-label = Buscar archivos
assets-kind = Tipo
assets-all-kinds = Todos los tipos
assets-collection = Colección
assets-all-collections = Todas las colecciones
assets-view = Vista
assets-grid-view = Vista de cuadrícula
assets-list-view = Vista de lista
assets-select-visible = Seleccionar los visibles
assets-selection = Selección
assets-selected = { $count ->
    [one] { $count } seleccionado
   *[other] { $count } seleccionados
}
assets-share = Compartir
assets-add-to-collection = Añadir a una colección
assets-remove-from-collection = Quitar de la colección
assets-delete = Eliminar
assets-clear-selection = Borrar la selección
assets-no-match = Sin resultados
assets-no-match-hint = Pruebe otra búsqueda u otro filtro.
assets-empty-collection = Esta colección está vacía
assets-empty-collection-hint = Añada archivos desde la página Archivos, o súbalos aquí.
assets-none = Todavía no hay archivos
assets-none-hint = Suelte archivos en cualquier parte de esta página, o elíjalos.
assets-none-yet = Todavía no se ha subido nada.
assets-choose-files = Elegir archivos
assets-col-selected = Seleccionado
assets-col-name = Nombre
assets-col-size = Tamaño
assets-col-status = Estado
assets-col-added = Añadido
assets-load-more = Cargar más

# ---- Team app screens (session 5) ----
## Words many screens share
cancel = Cancelar
delete = Eliminar
save = Guardar
add = Añadir
create = Crear
close = Cerrar
done = Listo
remove = Quitar
share = Compartir
open = Abrir
copy = Copiar
copy-link = Copiar enlace
# A toast; $what is a thing named below, such as "Link" or "Password".
copied = Copiado: { $what }
link = Enlace
password = Contraseña
actions = Acciones
name = Nombre
status = { $status ->
    [active] Activo
    [disabled] Desactivado
    [expired] Caducado
    [used_up] Agotado
    [creator_deleted] Creador eliminado
    [removed] Quitado
    [available] Disponible
    [unavailable] No disponible
   *[other] { $status }
}
kinds = { $kind ->
    [image] Imágenes
    [video] Vídeos
    [audio] Audio
    [document] Documentos
   *[other] Otros
}
kind = { $kind ->
    [image] Imagen
    [video] Vídeo
    [audio] Audio
    [document] Documento
    [other] Otro
   *[file] Archivo
}
role = { $role ->
    [viewer] Lector
    [editor] Editor
    [admin] Administrador
   *[other] { $role }
}
size = Tamaño
size-value = { $value } { $unit ->
    [b] B
    [kb] kB
    [mb] MB
    [gb] GB
   *[tb] TB
}
title = Título
description = Descripción
message = Mensaje
email = Correo electrónico
expires = Caduca
expired = Caducado
created = Creado
added = Añadido
never = Nunca
yes = Sí
no = No
on = Activado
off = Desactivado
enable = Activar
disable = Desactivar
no-limit = sin límite
unlimited = Ilimitado
optional = Opcional
optional-email-message = Mensaje opcional en el correo
when = Cuándo
address = Dirección
file = Archivo
files = Archivos
activity = Actividad
visits = Visitas
downloads = Descargas
uses = Usos
access = Acceso
view-only = Solo ver
preview-and-download = Ver y descargar
all = Todos
deleted-asset = Archivo eliminado
team-member = Miembro del equipo
link-enabled = Enlace activado
email-state = { $state ->
    [queued] En cola
    [sent] Enviado
    [failed] Fallido
   *[other] { $state }
}
n-assets = { $count ->
    [one] { $count } archivo
   *[other] { $count } archivos
}
n-visits = { $count ->
    [one] { $count } visita
   *[other] { $count } visitas
}
n-downloads = { $count ->
    [one] { $count } descarga
   *[other] { $count } descargas
}
n-uses = { $count ->
    [one] { $count } uso
   *[other] { $count } usos
}
n-links = { $count ->
    [one] { $count } enlace
   *[other] { $count } enlaces
}

## More of the shell and sign-in
nav-searches = Búsquedas guardadas
nav-account = Cuenta
sign-in-code = Código de su aplicación de autenticación (o un código de recuperación)
sign-in-code-wrong = Código incorrecto o ya usado.
sign-in-code-needed = Introduzca el código de su aplicación de autenticación.
rename = Cambiar nombre
delete-named = ¿Eliminar «{ $name }»?

## The assets page and collections
asset-select = Seleccionar { $name }
assets-delete-title = { $count ->
    [one] ¿Eliminar { $count } archivo?
   *[other] ¿Eliminar { $count } archivos?
}
assets-delete-message = Los archivos se eliminan para siempre, y los enlaces que los incluyen dejan de mostrarlos.
assets-delete-failed = { $count ->
    [one] { $count } no se pudo eliminar
   *[other] { $count } no se pudieron eliminar
}
assets-deleted = { $count ->
    [one] { $count } archivo eliminado
   *[other] { $count } archivos eliminados
}
collection-share = Compartir colección
collection-removed-assets = { $count ->
    [one] { $count } archivo quitado de { $name }
   *[other] { $count } archivos quitados de { $name }
}
collection-new-name = Nombre de la nueva colección
collection-new-choice = Nueva colección…
collection-name-needed = Dé un nombre a la colección.
collection-added-to = Añadido a { $name }
collection-add-title = { $count ->
    [one] Añadir { $count } archivo a una colección
   *[other] Añadir { $count } archivos a una colección
}
collection-rename = Cambiar nombre de la colección
collection-delete-message = Los archivos se quedan; solo desaparece la colección. Los enlaces que comparten esta colección dejan de mostrar sus archivos.
collection-deleted = Colección eliminada
collections-intro = Conjuntos de archivos con nombre. Comparta una colección y el enlace la sigue a medida que cambia.
collection-new = Nueva colección
collections-none = Aún no hay colecciones
collections-none-hint = Agrupe archivos para un proyecto o un cliente y comparta después el conjunto.
collection-card = { $count ->
    [one] { $count } archivo · creada el { $date }
   *[other] { $count } archivos · creada el { $date }
}
collection-name-example = p. ej. Campaña de primavera
collection-created = Colección creada

## An asset's history and attachments
history = Historial
history-none = Aún no hay cambios.
history-unreadable = No se pudo leer el historial.
history-field = { $field ->
    [name] Nombre
    [status] Estado
    [expiresAt] Caducidad
   *[other] { $field }
}
remove-named = Quitar { $name }
attachments = Adjuntos
attachments-none = No hay adjuntos.
attachments-attached = Adjuntado
attachments-unreadable = No se pudieron leer los adjuntos.
attachments-attach = Adjuntar
attachments-hint = Autorizaciones, LUT, archivos complementarios: se ofrecen a los destinatarios cuando un enlace lo permite.

## One asset
asset-preview-pending = Se está creando la vista previa…
asset-no-preview = No hay vista previa de este archivo
asset-file-name = Nombre del archivo
asset-summary = { $kind } · { $size } · añadido el { $date }
asset-download = Descargar
status-field = Estado
asset-unavailable-option = No disponible: no se puede descargar ni compartir
asset-name-saved = Nombre guardado
asset-status-saved = Estado guardado
asset-expiry-saved = Caducidad guardada
asset-attributes-saved = Atributos guardados
asset-type = Tipo
asset-size-exact = { $size } ({ $bytes } bytes)
asset-thumbnail = Miniatura
derivative-state = { $state ->
    [pending] en preparación
    [ready] lista
    [failed] fallida
    [not_applicable] no aplicable
   *[other] { $state }
}
asset-details = Detalles
asset-expires-hint = Después de esta fecha el archivo ya no se puede descargar ni compartir.
asset-attribute-key = clave
asset-attribute-name = Nombre del atributo
asset-attribute-value = valor
asset-attribute-value-label = Valor del atributo
asset-attribute-remove = Quitar atributo
asset-attributes = Atributos
asset-no-attributes = Sin atributos.
asset-save-attributes = Guardar atributos
asset-not-shared = Aún no se ha compartido.
share-expires-when = caduca { $when }
share-expired-when = caducó { $when }
share-uses-of = { $uses }/{ $max } usos
asset-sharing = Compartido
asset-delete-hint = Eliminar para siempre el archivo y sus vistas previas.
asset-delete-message = Esto no se puede deshacer. Los enlaces que lo incluyen dejan de mostrarlo.
asset-deleted = Archivo eliminado

## Shares: the list and one share's page
shares-deleted-user = usuario eliminado
shares-owner = Propietario
shares-everyone = Todos
shares-admin-intro = Todos los enlaces del sistema, los haya creado quien los haya creado.
shares-intro = Los enlaces que ha creado. Seleccione archivos o una colección para crear uno nuevo.
shares-new-from-assets = Nuevo enlace a partir de archivos
shares-no-match = Ningún enlace coincide
shares-none = Aún no hay enlaces
shares-no-match-hint = Pruebe otro filtro.
shares-none-hint = Seleccione archivos y elija Compartir para crear un enlace.
copy-link-of = Copiar el enlace de { $title }
share-disabled-toast = Enlace desactivado: responde «desactivado» hasta que se vuelva a activar
share-qr-more = QR y más
count-of = { $count } de { $max }
count-left = quedan { $count }
last-access = Último acceso
share-the-link = Compartir el enlace
qr-code-for = Código QR de { $url }
share-guests = Invitados
share-settings = Ajustes
share-follows-collection-before = Este enlace sigue la colección{" "}
share-follows-collection-after = : añada o quite archivos allí.
share-collection-deleted = La colección que sigue este enlace se ha eliminado.
share-add-assets = Añadir archivos
share-remove-asset = Quitar { $name } de este enlace
share-asset-removed = Quitado del enlace
asset = Archivo
share-no-assets = No hay archivos en este enlace
share-no-assets-hint = Los destinatarios ven una página vacía.
share-in-the-link = en el enlace
nothing-found = No se encontró nada
share-assets-added-skipped = { $count ->
    [one] { $count } archivo añadido, { $skipped } omitidos (no disponibles o caducados)
   *[other] { $count } archivos añadidos, { $skipped } omitidos (no disponibles o caducados)
}
share-assets-added = { $count ->
    [one] { $count } archivo añadido
   *[other] { $count } archivos añadidos
}
share-add-assets-title = Añadir archivos al enlace
guests-their-link-expires = Su enlace caduca
guests-with-the-link = Con el enlace
guests-after = Después de { $duration }
guests-invite-title = Invitar a personas
guests-need-someone = Añada una dirección de correo o un miembro del equipo.
guests-invited = { $count ->
    [one] { $count } invitado
   *[other] { $count } invitados
}
guests-who = Correos o miembros del equipo
guests-who-hint = Cada invitado recibe por correo un enlace personal, que se cuenta por separado.
guests-invite = Invitar
guests-none = Aún no hay invitados
guests-none-hint = Cualquiera con el enlace puede abrirlo. Invite a personas para dar a cada una un enlace personal con seguimiento.
guest = Invitado
guests-link-expires = El enlace caduca
guests-copy-personal-link = Copiar enlace personal
guests-remove = Quitar invitado
guests-remove-title = ¿Quitar a { $name }?
guests-remove-message = Su enlace personal deja de funcionar de inmediato.
guests-removed = Invitado quitado
share-event = { $type ->
    [visit] Visita
    [unlock_failed] Contraseña incorrecta
    [preview] Vista previa
    [download] Descarga
    [bundle] Descargar todo
   *[other] { $type }
}
activity-none = Aún no hay actividad
activity-none-hint = Las visitas, vistas previas y descargas aparecen aquí a medida que ocurren.
activity-all-files = Todos los archivos (zip)
activity-event-type = Tipo de evento
n-events = { $count ->
    [one] { $count } evento
   *[other] { $count } eventos
}
activity-event = Evento
activity-variant = Variante
activity-bytes = Bytes
activity-by = Por
activity-browser = Navegador
settings-new-password = Escriba una contraseña nueva para cambiarla
no-password = Sin contraseña
settings-password-set = Hay una contraseña establecida.
settings-no-password = Cualquiera con el enlace puede abrirlo.
settings-password-removed-on-save = La contraseña se quitará al guardar.
settings-remove-password = Quitar contraseña
save-changes = Guardar cambios
settings-saved = Ajustes guardados
settings-title = Ajustes del enlace
max-uses = Número máximo de usos
settings-uses-so-far = { $count ->
    [one] { $count } uso hasta ahora. Cambiar el límite conserva ese recuento.
   *[other] { $count } usos hasta ahora. Cambiar el límite conserva ese recuento.
}
danger-zone = Zona de peligro
settings-disable-link = Desactivar el enlace
settings-enable-link = Activar el enlace
settings-disable-hint = Los destinatarios ven «desactivado» hasta que lo vuelva a activar. No se pierde nada.
settings-enable-hint = El enlace vuelve a funcionar hasta que caduque.
settings-delete-link = Eliminar el enlace
settings-delete-hint = El enlace y los enlaces de sus invitados dejan de funcionar para siempre. Los archivos se quedan.
settings-delete-message = { $visits ->
    [one] { $visits } visita
   *[other] { $visits } visitas
} y { $downloads ->
    [one] { $downloads } descarga
   *[other] { $downloads } descargas
} hasta ahora. Todos los que tengan el enlace o un enlace personal pierden el acceso. Esto no se puede deshacer.
settings-delete-confirm = Eliminar enlace
link-deleted = Enlace eliminado
settings-summary = Resumen
watermark = Marca de agua

## The share dialog and the link-ready panel
dialog-file-as-collection = Guardarlos en una nueva colección que el enlace sigue
dialog-collection-default-name = Nueva colección del { $date }
dialog-attribute-history = Historial de atributos (CSV)
dialog-contact-sheet = Hoja de contactos (PDF)
duration-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
duration-weeks = { $count ->
    [one] { $count } semana
   *[other] { $count } semanas
}
duration-years = { $count ->
    [one] { $count } año
   *[other] { $count } años
}
share-default-title = Enlace del { $date }, { $time }
dialog-expiry-date = Fecha de caducidad
dialog-date = Fecha…
dialog-keep = Mantener
dialog-now-expires = Ahora caduca el { $date }.
dialog-at-most = Como máximo { $duration } a partir de ahora.
dialog-expires-after = Caduca después de
dialog-pick-date = Elija una fecha de caducidad.
dialog-may-download = Los destinatarios pueden descargar
originals = Originales
previews = Vistas previas
thumbnails = Miniaturas
dialog-preset = Preajuste «{ $name }»
dialog-attributes-csv = Atributos (CSV)
dialog-variants-hint = Solo se ofrecen las variantes que existen para todos los archivos.
dialog-attributes-shown = Atributos que se muestran en la página
shown-attribute = { $key ->
    [name] Nombre
    [type] Tipo
    [size] Tamaño
    [dimensions] Dimensiones
    [duration] Duración
   *[other] { $key }
}
dialog-watermark = Marca de agua en las vistas previas
dialog-notify = Avisarme por correo la primera vez que un enlace se
dialog-notify-opened = abra
dialog-notify-downloaded = descargue
dialog-notify-hint = Una vez por enlace: el de cada destinatario y el del enlace compartido.
dialog-remind = Recordar a los destinatarios que no hayan descargado nada antes de que termine su enlace
dialog-show-password = Mostrar contraseña
dialog-generate = Generar
dialog-recipients-placeholder = Nombre o correo, y luego Intro
dialog-add-recipients = Añadir destinatarios
dialog-not-an-email = No es una dirección de correo
left-out-reason = { $why ->
    [unavailable] marcado como no disponible
    [expired] caducado
    [not_found] eliminado
    [not_visible] no puede compartirlo usted
   *[other] { $why }
}
dialog-description-placeholder = Opcional: se muestra a los destinatarios bajo el título
create-link = Crear enlace
dialog-sharing-collection = { $count ->
    [one] Compartiendo la colección «{ $name }» ({ $count } archivo)
   *[other] Compartiendo la colección «{ $name }» ({ $count } archivos)
}
dialog-sharing-search = { $count ->
    [one] Compartiendo la búsqueda guardada «{ $name }» ({ $count } archivo ahora, más a medida que coincidan)
   *[other] Compartiendo la búsqueda guardada «{ $name }» ({ $count } archivos ahora, más a medida que coincidan)
}
dialog-sharing-assets = { $count ->
    [one] Compartiendo { $count } archivo
   *[other] Compartiendo { $count } archivos
}
dialog-password-hint = Los destinatarios la escriben antes de ver nada.
dialog-max-uses-hint = Cada visita cuenta como un uso.
dialog-blocked = { $count ->
    [one] { $count } archivo no se puede compartir y se omitirá:
   *[other] { $count } archivos no se pueden compartir y se omitirán:
}
dialog-send-to = Enviar a (opcional)
dialog-send-to-hint = Cada destinatario recibe por correo un enlace personal, para que pueda ver quién abrió qué.
dialog-title-needed = Un enlace necesita un título.
dialog-not-made = No se pudo crear el enlace: { $reason }
embed-code = Código para insertar
embed-hint = Péguelo en una página web o un boletín. Los navegadores abren el enlace en una pestaña nueva.
embed-copy = Copiar código
optional-message = Mensaje opcional
email-link-to = Enviar el enlace por correo a
email-link-need-address = Añada al menos una dirección de correo.
email-link-sent = Enviado a { $to }.
send = Enviar
ready-password = Protegido con contraseña. Envíela por separado.
copy-password = Copiar contraseña
email-link = Enviar por correo
download-qr = Descargar QR
ready-title = Enlace listo
ready-expires = Caduca el { $date }
ready-view-only = solo ver
ready-left-out = { $count ->
    [one] { $count } archivo omitido:
   *[other] { $count } archivos omitidos:
}
ready-personal-links = { $count ->
    [one] Enlaces personales para { $count } destinatario
   *[other] Enlaces personales para { $count } destinatarios
}
ready-go-to-share = Ir a la página del enlace

## Upload requests
request-files = Solicitar archivos
requests-intro = Enlaces a través de los cuales personas ajenas al equipo le envían archivos. Lo que envían llega a sus archivos.
requests-none = Aún no hay solicitudes
requests-none-hint = Pida a un cliente su material grabado o sus documentos firmados con un enlace: no necesita cuenta.
request = Solicitud
request-disabled-toast = Enlace desactivado: no acepta archivos hasta que se vuelva a activar
request-delete-title = ¿Eliminar esta solicitud?
request-delete-message = Su enlace deja de funcionar. Los archivos recibidos se quedan en sus archivos.
request-deleted = Solicitud eliminada
request-on-the-way = { $count } en camino
request-of-the-limit = recibidos del límite
request-of-size = de { $size }
request-types = Tipos
request-any-type = Cualquiera
request-lands-before = Los archivos llegan a la colección{" "}
request-lands-link = de esta solicitud
request-lands-after = . Nadie más los ve hasta que usted los comparta.
request-from = De
request-received = Recibido
request-not-given = No indicado
request-no-files = Aún no hay archivos
request-no-files-hint = Envíe el enlace a quien tenga los archivos.
request-asked-by-email = Solicitado por correo
request-email-state = Estado del correo
request-what = Qué
request-event = { $type ->
    [upload] Subida
    [deleted] Quitado por el remitente
    [unlock_failed] Contraseña incorrecta
   *[other] { $type }
}
request-activity-none = Las subidas aparecen aquí a medida que ocurren.
request-title-example = p. ej. Material en bruto del rodaje
request-description-placeholder = Lo que necesita, para quien abra el enlace
no-limit-field = Sin límite
request-types-placeholder = Cualquiera, o p. ej. image/*, video/*, .pdf
request-link = Enlace de solicitud
request-lands-in = Los archivos enviados por el enlace llegan a «{ $name }».
request-lands-in-new = Los archivos enviados por el enlace llegan a una nueva colección con el nombre de la solicitud.
request-most-files = Número máximo de archivos
request-most-mb = Megabytes en total, como máximo
request-allowed-types = Tipos permitidos
request-allowed-types-hint = Se comprueba el contenido de cada archivo, no solo su nombre.
request-ask-by-email = Pedir por correo
request-ask-by-email-hint = Cada dirección recibe su propio enlace.

## Saved searches
search-in-collection = en una colección
search-has = tiene { $key }
search-all-assets = Todos los archivos
search-saved = Búsqueda guardada
search-save = Guardar búsqueda
search-save-hint = Compártala más tarde: el enlace sigue la búsqueda a medida que llegan y se van archivos.
searches-intro = Comparta una búsqueda y el enlace muestra lo que encuentra en cada visita.
searches-none = Aún no hay búsquedas guardadas
searches-none-hint = Busque en los archivos y elija «Guardar búsqueda».
search-described = { $what } · guardada el { $date }
delete-search = Eliminar { $name }
search-delete-message = Los enlaces creados a partir de ella dejan de mostrar nada.

## The account: two-factor sign-in
totp-title = Inicio de sesión en dos pasos
totp-sso = Usted inicia sesión mediante el inicio de sesión único de su organización; se aplica su propia verificación en dos pasos.
totp-on = Activado: al iniciar sesión se pide un código de su aplicación de autenticación.
totp-turned-off = El inicio de sesión en dos pasos está desactivado.
totp-code-or-recovery = Código o código de recuperación
totp-turn-off = Desactivar
totp-off = Desactivado. Añada a su inicio de sesión un código de una aplicación de autenticación.
totp-set-up = Configurar el inicio de sesión en dos pasos
totp-qr = Código QR para su aplicación de autenticación
totp-scan = Escanéelo con su aplicación de autenticación (o introduzca la clave) y escriba el código que muestra.
totp-key = Clave:{" "}
totp-code-from-app = Código de la aplicación
totp-turn-on = Activar
totp-recovery-codes = El inicio de sesión en dos pasos está activado. Guarde estos códigos de recuperación en un lugar seguro: cada uno permite iniciar sesión una vez sin su teléfono. Solo se muestran ahora.
totp-required = Este servidor pide a cada cuenta un código de una aplicación de autenticación. Configúrela y vuelva a iniciar sesión con un código.
totp-sign-in-again = El inicio de sesión en dos pasos está activado. Inicie sesión con un código.

## Admin: users and the sharing policy
users-intro = Las personas que inician sesión para subir y compartir. Los destinatarios no necesitan cuenta.
users-new = Nuevo usuario
users-role-of = Rol de { $email }
users-role-changed = { $email } ahora es { $role }
users-links = Enlaces
users-you = usted
user = Usuario
users-role = Rol
role-described = { $role ->
    [viewer] Lector: ve archivos y enlaces
    [editor] Editor: sube y comparte
   *[admin] Administrador: todo, todos los enlaces, usuarios
}
users-display-name = Nombre visible
users-first-password = Primera contraseña
users-new-password = Nueva
users-first-password-hint = Se copia al crear el usuario: entréguela de forma segura.
users-create = Crear usuario
users-transfer-nobody = Nadie: sus enlaces dejan de funcionar
users-deleted = { $email } eliminado
users-delete-title = ¿Eliminar a { $email }?
users-delete-message = Ya no podrá iniciar sesión. Sus enlaces solo siguen funcionando si antes se los da a otra persona.
users-transfer = Dar sus enlaces a
users-delete = Eliminar usuario
policy-allowed = Permitido
policy-not-allowed = No permitido
policy-intro = Se define en el archivo de configuración ([sharing]). Los enlaces nuevos la siguen; los existentes conservan las opciones con las que se crearon.
policy-expiry = Caducidad
policy-durations = Duraciones ofrecidas
policy-default = Predeterminada
policy-longest = Máximo permitido
policy-features = Funciones
policy-passwords = Contraseñas
policy-view-only = Enlaces de solo ver
policy-use-limits = Límites de uso
policy-watermarks = Marcas de agua
policy-defaults = Valores predeterminados de un enlace nuevo
policy-email-first-visit = Correo en la primera visita
policy-email-first-download = Correo en la primera descarga
policy-attributes-shown = Atributos mostrados
policy-presets = Preajustes
policy-no-presets = No hay preajustes: añada secciones [presets.NAME] a la configuración.

## Admin: webhooks
webhooks-intro = Eventos enviados por POST como JSON firmado (cabecera Handoff-Signature) a otros sistemas; una entrega fallida se reintenta, esperando más cada vez (8 intentos).
webhooks-new = Nuevo webhook
webhooks-deliveries = Entregas
webhooks-send-test = Enviar evento de prueba
webhooks-url = URL
webhooks-events = Eventos
webhooks-enabled = Activado
webhooks-none = Aún no hay webhooks.
webhooks-deliveries-to = Entregas a { $url }
webhooks-refresh = Actualizar
webhooks-made = Creado
webhooks-tries = Intentos
webhooks-last-answer = Última respuesta
delivery-status = { $status ->
    [pending] Esperando un nuevo envío
    [delivered] Entregado
    [failed] Fallido
   *[other] { $status }
}
webhooks-nothing-sent = Aún no se ha enviado nada.
webhooks-test-queued = Evento de prueba en cola
webhooks-delete-title = ¿Eliminar este webhook?
webhooks-delete-message = No se enviarán más eventos a { $url }.
webhooks-secret = Secreto de firma
webhooks-create = Crear webhook
webhooks-secret-hint = El secreto de firma se copia al crearlo; no se vuelve a mostrar.

## The upload panel
upload = Subir
upload-overall-progress = Progreso total de la subida
upload-uploading = Subiendo
upload-close = Cerrar subidas
upload-panel = Subidas
upload-overall = Total
upload-uploading-files = { $count ->
    [one] Subiendo { $count } archivo…
   *[other] Subiendo { $count } archivos…
}
upload-some-failed = { $done } subidos, { $failed } fallidos
upload-uploaded = { $count ->
    [one] { $count } archivo subido
   *[other] { $count } archivos subidos
}
upload-progress-of = Progreso de { $name }
upload-waiting = En espera
upload-pause = Pausar
upload-paused = En pausa
upload-resume = Reanudar
upload-resuming = Reanudando…
upload-seconds-left = quedan { $count } s
upload-minutes-left = quedan { $count } min
upload-rate = { $size }/s
upload-retrying = Conexión perdida: reintentando…
upload-no-asset = el servidor no indicó ningún archivo
upload-failed = Fallido
upload-drop = Suelte archivos para subirlos
# ---- end of the team app screens ----

## The share dialog
share-language = Idioma de los correos a los destinatarios
share-language-hint = Las páginas de los destinatarios siguen el idioma de su propio navegador.

## Domains: the switcher, the admin page and the asset's domain panel
nav-domains = Dominios
domain = Dominio
domain-all = Todos mis dominios
domain-moved = Movido a { $name }
domains-intro = Cada archivo pertenece a un solo dominio; los miembros ven y comparten los archivos de sus dominios. Los administradores lo ven todo.
domain-new = Nuevo dominio
domain-rename = Cambiar nombre del dominio
domain-members = Miembros
domain-move-hint = Mueva un archivo desde su página (panel Dominio), o varios a la vez desde la selección de la lista de archivos.
domain-member-of = { $email } en { $domain }
domain-member-count = { $email }: { $count ->
    [one] { $count } dominio
   *[other] { $count } dominios
}
n-members = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
domain-delete-hint = Solo se puede eliminar un dominio vacío: primero mueva sus archivos y asigne otro dominio a sus miembros.
domain-move-selection = Mover a un dominio
domain-move-title = { $count ->
    [one] Mover { $count } archivo a un dominio
   *[other] Mover { $count } archivos a un dominio
}
domain-move = Mover
domain-moved-assets = { $count ->
    [one] { $count } archivo movido a { $name }
   *[other] { $count } archivos movidos a { $name }
}
