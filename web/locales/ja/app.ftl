# チームアプリ (web/js)。

## Sign-in
sign-in = サインイン
sign-in-tagline = 期限付きリンクでファイルを共有します。
sign-in-email = メールアドレス
sign-in-password = パスワード
sign-in-wrong = メールアドレスまたはパスワードが違います。
session-ended = セッションが終了しました。もう一度サインインしてください。
sign-out = サインアウト

## The sidebar
nav-main = メイン
nav-assets = ファイル
nav-collections = コレクション
nav-shares = 共有
nav-admin = 管理
nav-all-shares = すべての共有
nav-users = ユーザー
nav-policy = 共有ポリシー
nav-webhooks = Webhook
language = 言語

## Errors
not-found = 見つかりません
not-found-hint = 削除された可能性があります。
went-wrong = 問題が発生しました
back-to-assets = ファイルに戻る

## The share dialog
share-language = 受信者へのメールの言語
share-language-hint = 受信者のページは、受信者自身のブラウザーの言語で表示されます。
