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

## The share dialog
share-language = Idioma de los correos a los destinatarios
share-language-hint = Las páginas de los destinatarios siguen el idioma de su propio navegador.
