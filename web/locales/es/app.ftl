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

## The share dialog
share-language = Idioma de los correos a los destinatarios
share-language-hint = Las páginas de los destinatarios siguen el idioma de su propio navegador.
