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
nav-requests = リクエスト
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

## The assets page
assets-search = 名前または属性で検索
assets-search-label = ファイルを検索
assets-kind = 種類
assets-all-kinds = すべての種類
assets-collection = コレクション
assets-all-collections = すべてのコレクション
assets-view = 表示
assets-grid-view = グリッド表示
assets-list-view = リスト表示
assets-select-visible = 表示中をすべて選択
assets-selection = 選択
assets-selected = { $count } 件選択中
assets-share = 共有
assets-add-to-collection = コレクションに追加
assets-remove-from-collection = コレクションから削除
assets-delete = 削除
assets-clear-selection = 選択を解除
assets-no-match = 一致するものはありません
assets-no-match-hint = 別の検索語やフィルターをお試しください。
assets-empty-collection = このコレクションは空です
assets-empty-collection-hint = 「ファイル」ページから追加するか、ここにアップロードしてください。
assets-none = まだファイルがありません
assets-none-hint = このページのどこかにファイルをドロップするか、選択してください。
assets-none-yet = まだ何もアップロードされていません。
assets-choose-files = ファイルを選択
assets-col-selected = 選択
assets-col-name = 名前
assets-col-size = サイズ
assets-col-status = 状態
assets-col-added = 追加日
assets-load-more = さらに読み込む

## The share dialog
share-language = 受信者へのメールの言語
share-language-hint = 受信者のページは、受信者自身のブラウザーの言語で表示されます。
