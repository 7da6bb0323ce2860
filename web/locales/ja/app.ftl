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

# ---- Team app screens (session 5) ----
## Words many screens share
cancel = キャンセル
delete = 削除
save = 保存
add = 追加
create = 作成
close = 閉じる
done = 完了
remove = 外す
share = 共有
open = 開く
copy = コピー
copy-link = リンクをコピー
# A toast; $what is a thing named below, such as "Link" or "Password".
copied = { $what }をコピーしました
link = リンク
password = パスワード
actions = 操作
name = 名前
status = { $status ->
    [active] 有効
    [disabled] 無効
    [expired] 期限切れ
    [used_up] 上限到達
    [creator_deleted] 作成者削除済み
    [removed] 削除済み
    [available] 利用可能
    [unavailable] 利用不可
   *[other] { $status }
}
kinds = { $kind ->
    [image] 画像
    [video] 動画
    [audio] 音声
    [document] 文書
   *[other] その他
}
kind = { $kind ->
    [image] 画像
    [video] 動画
    [audio] 音声
    [document] 文書
    [other] その他
   *[file] ファイル
}
role = { $role ->
    [viewer] 閲覧者
    [editor] 編集者
    [admin] 管理者
   *[other] { $role }
}
size = サイズ
size-value = { $value } { $unit ->
    [b] B
    [kb] KB
    [mb] MB
    [gb] GB
   *[tb] TB
}
title = タイトル
description = 説明
message = メッセージ
email = メールアドレス
expires = 有効期限
expired = 期限切れ
created = 作成日
added = 追加日
never = なし
yes = はい
no = いいえ
on = オン
off = オフ
enable = 有効にする
disable = 無効にする
no-limit = 上限なし
unlimited = 無制限
optional = 任意
optional-email-message = メールに添えるメッセージ(任意)
when = 日時
address = アドレス
file = ファイル
files = ファイル
activity = アクティビティ
visits = 訪問
downloads = ダウンロード
uses = 利用回数
access = アクセス
view-only = 閲覧のみ
preview-and-download = プレビューとダウンロード
all = すべて
deleted-asset = 削除されたファイル
team-member = チームメンバー
link-enabled = リンクを有効にしました
email-state = { $state ->
    [queued] 送信待ち
    [sent] 送信済み
    [failed] 失敗
   *[other] { $state }
}
n-assets = { $count } 件のファイル
n-visits = 訪問 { $count } 回
n-downloads = ダウンロード { $count } 回
n-uses = { $count } 回まで
n-links = リンク { $count } 件

## More of the shell and sign-in
nav-searches = 保存した検索
nav-account = アカウント
sign-in-code = 認証アプリのコード(またはリカバリーコード)
sign-in-code-wrong = コードが正しくないか、すでに使用されています。
sign-in-code-needed = 認証アプリに表示されたコードを入力してください。
rename = 名前を変更
delete-named = 「{ $name }」を削除しますか?

## The assets page and collections
asset-select = { $name } を選択
assets-delete-title = { $count } 件のファイルを削除しますか?
assets-delete-message = ファイルは完全に削除され、それを含むリンクにも表示されなくなります。
assets-delete-failed = { $count } 件を削除できませんでした
assets-deleted = { $count } 件のファイルを削除しました
collection-share = コレクションを共有
collection-removed-assets = { $name } から { $count } 件のファイルを外しました
collection-new-name = 新しいコレクションの名前
collection-new-choice = 新しいコレクション…
collection-name-needed = コレクションに名前を付けてください。
collection-added-to = { $name } に追加しました
collection-add-title = { $count } 件のファイルをコレクションに追加
collection-rename = コレクションの名前を変更
collection-delete-message = ファイルは残り、コレクションだけが削除されます。このコレクションを共有しているリンクには、そのファイルが表示されなくなります。
collection-deleted = コレクションを削除しました
collections-intro = 名前を付けたファイルのまとまりです。コレクションを共有すると、リンクはその変更に追従します。
collection-new = 新しいコレクション
collections-none = コレクションはまだありません
collections-none-hint = プロジェクトやクライアントごとにファイルをまとめ、まとめて共有しましょう。
collection-card = { $count } 件のファイル · { $date } に作成
collection-name-example = 例: 春のキャンペーン
collection-created = コレクションを作成しました

## An asset's history and attachments
history = 履歴
history-none = まだ変更はありません。
history-unreadable = 履歴を読み込めませんでした。
history-field = { $field ->
    [name] 名前
    [status] ステータス
    [expiresAt] 有効期限
   *[other] { $field }
}
remove-named = { $name } を外す
attachments = 添付ファイル
attachments-none = 添付ファイルはありません。
attachments-attached = 添付しました
attachments-unreadable = 添付ファイルを読み込めませんでした。
attachments-attach = 添付
attachments-hint = 同意書、LUT、サイドカーファイルなど。リンクで許可されていれば受信者に提供されます。

## One asset
asset-preview-pending = プレビューを作成しています…
asset-no-preview = このファイルにはプレビューがありません
asset-file-name = ファイル名
asset-summary = { $kind } · { $size } · { $date } に追加
asset-download = ダウンロード
status-field = ステータス
asset-unavailable-option = 利用不可 — ダウンロードも共有もできません
asset-name-saved = 名前を保存しました
asset-status-saved = ステータスを保存しました
asset-expiry-saved = 有効期限を保存しました
asset-attributes-saved = 属性を保存しました
asset-type = 形式
asset-size-exact = { $size }({ $bytes } バイト)
asset-thumbnail = サムネイル
derivative-state = { $state ->
    [pending] 作成中
    [ready] 完了
    [failed] 失敗
    [not_applicable] 対象外
   *[other] { $state }
}
asset-details = 詳細
asset-expires-hint = この日付を過ぎると、ファイルはダウンロードも共有もできなくなります。
asset-attribute-key = キー
asset-attribute-name = 属性名
asset-attribute-value = 値
asset-attribute-value-label = 属性の値
asset-attribute-remove = 属性を外す
asset-attributes = 属性
asset-no-attributes = 属性はありません。
asset-save-attributes = 属性を保存
asset-not-shared = まだ共有されていません。
share-expires-when = { $when }に期限切れ
share-expired-when = { $when }に期限切れ
share-uses-of = 利用 { $uses }/{ $max } 回
asset-sharing = 共有
asset-delete-hint = ファイルとそのプレビューを完全に削除します。
asset-delete-message = この操作は元に戻せません。このファイルを含むリンクにも表示されなくなります。
asset-deleted = ファイルを削除しました

## Shares: the list and one share's page
shares-deleted-user = 削除されたユーザー
shares-owner = 所有者
shares-everyone = 全員
shares-admin-intro = 作成者にかかわらず、システム内のすべてのリンクです。
shares-intro = あなたが作成したリンクです。ファイルまたはコレクションを選ぶと、新しいリンクを作成できます。
shares-new-from-assets = ファイルから新しいリンク
shares-no-match = 一致するリンクはありません
shares-none = リンクはまだありません
shares-no-match-hint = 別のフィルターをお試しください。
shares-none-hint = ファイルを選んで「共有」を選ぶとリンクを作成できます。
copy-link-of = { $title } のリンクをコピー
share-disabled-toast = リンクを無効にしました。再び有効にするまで「無効」と表示されます
share-qr-more = QR コードなど
count-of = { $count } / { $max }
count-left = 残り { $count }
last-access = 最終アクセス
share-the-link = リンクを共有
qr-code-for = { $url } の QR コード
share-guests = ゲスト
share-settings = 設定
share-follows-collection-before = このリンクはコレクション{" "}
share-follows-collection-after = { " " }に追従します。ファイルの追加や削除はそちらで行ってください。
share-collection-deleted = このリンクが追従していたコレクションは削除されました。
share-add-assets = ファイルを追加
share-remove-asset = { $name } をこのリンクから外す
share-asset-removed = リンクから外しました
asset = ファイル
share-no-assets = このリンクにファイルはありません
share-no-assets-hint = 受信者には空のページが表示されます。
share-in-the-link = リンクに含まれています
nothing-found = 見つかりませんでした
share-assets-added-skipped = { $count } 件のファイルを追加し、{ $skipped } 件を除外しました(利用不可または期限切れ)
share-assets-added = { $count } 件のファイルを追加しました
share-add-assets-title = リンクにファイルを追加
guests-their-link-expires = ゲストのリンクの有効期限
guests-with-the-link = リンクと同じ
guests-after = { $duration }後
guests-invite-title = ゲストを招待
guests-need-someone = メールアドレスかチームメンバーを追加してください。
guests-invited = { $count } 人のゲストを招待しました
guests-who = メールアドレスまたはチームメンバー
guests-who-hint = ゲストごとに個人用リンクがメールで届き、別々に集計されます。
guests-invite = 招待
guests-none = ゲストはまだいません
guests-none-hint = リンクを知っている人は誰でも開けます。ゲストを招待すると、一人ひとりに追跡可能な個人用リンクを渡せます。
guest = ゲスト
guests-link-expires = リンクの有効期限
guests-copy-personal-link = 個人用リンクをコピー
guests-remove = ゲストを外す
guests-remove-title = { $name } を外しますか?
guests-remove-message = その人の個人用リンクはすぐに使えなくなります。
guests-removed = ゲストを外しました
share-event = { $type ->
    [visit] 訪問
    [unlock_failed] パスワード誤り
    [preview] プレビュー
    [download] ダウンロード
    [bundle] 一括ダウンロード
   *[other] { $type }
}
activity-none = アクティビティはまだありません
activity-none-hint = 訪問、プレビュー、ダウンロードが発生すると、ここに表示されます。
activity-all-files = すべてのファイル(zip)
activity-event-type = イベントの種類
n-events = { $count } 件のイベント
activity-event = イベント
activity-variant = バリエーション
activity-bytes = バイト
activity-by = 利用者
activity-browser = ブラウザー
settings-new-password = 変更するには新しいパスワードを入力
no-password = パスワードなし
settings-password-set = パスワードが設定されています。
settings-no-password = リンクを知っている人は誰でも開けます。
settings-password-removed-on-save = 保存するとパスワードが削除されます。
settings-remove-password = パスワードを削除
save-changes = 変更を保存
settings-saved = 設定を保存しました
settings-title = リンクの設定
max-uses = 最大利用回数
settings-uses-so-far = これまでに { $count } 回利用されました。上限を変えてもこの回数は引き継がれます。
danger-zone = 危険な操作
settings-disable-link = リンクを無効にする
settings-enable-link = リンクを有効にする
settings-disable-hint = 再び有効にするまで、受信者には「無効」と表示されます。何も失われません。
settings-enable-hint = 有効期限まで、リンクは再び使えるようになります。
settings-delete-link = リンクを削除
settings-delete-hint = このリンクとゲストのリンクは完全に使えなくなります。ファイルは残ります。
settings-delete-message = これまでに訪問 { $visits } 回、ダウンロード { $downloads } 回。リンクや個人用リンクを持つ全員がアクセスできなくなります。この操作は元に戻せません。
settings-delete-confirm = リンクを削除
link-deleted = リンクを削除しました
settings-summary = 概要
watermark = 透かし

## The share dialog and the link-ready panel
dialog-file-as-collection = リンクが追従する新しいコレクションにまとめる
dialog-collection-default-name = { $date } の新しいコレクション
dialog-attribute-history = 属性の履歴(CSV)
dialog-contact-sheet = コンタクトシート(PDF)
duration-days = { $count } 日
duration-weeks = { $count } 週間
duration-years = { $count } 年
share-default-title = { $date } { $time } のリンク
dialog-expiry-date = 有効期限の日付
dialog-date = 日付…
dialog-keep = 変更しない
dialog-now-expires = 現在の有効期限は { $date } です。
dialog-at-most = 最長で今から { $duration }。
dialog-expires-after = 有効期間
dialog-pick-date = 有効期限の日付を選んでください。
dialog-may-download = 受信者がダウンロードできるもの
originals = オリジナル
previews = プレビュー
thumbnails = サムネイル
dialog-preset = プリセット「{ $name }」
dialog-attributes-csv = 属性(CSV)
dialog-variants-hint = すべてのファイルに存在するバリエーションだけが提供されます。
dialog-attributes-shown = ページに表示する属性
shown-attribute = { $key ->
    [name] 名前
    [type] 形式
    [size] サイズ
    [dimensions] 寸法
    [duration] 長さ
   *[other] { $key }
}
dialog-watermark = プレビューに透かしを入れる
dialog-notify = リンクが初めて次のようにされたらメールで知らせる
dialog-notify-opened = 開かれた
dialog-notify-downloaded = ダウンロードされた
dialog-notify-hint = リンクごとに 1 回:受信者それぞれのリンクと、共有全体のリンク。
dialog-remind = リンクの期限が切れる前に、まだダウンロードしていない受信者に通知する
dialog-show-password = パスワードを表示
dialog-generate = 生成
dialog-recipients-placeholder = 名前またはメールアドレスを入力して Enter
dialog-add-recipients = 受信者を追加
dialog-not-an-email = メールアドレスではありません
left-out-reason = { $why ->
    [unavailable] 利用不可に設定
    [expired] 期限切れ
    [not_found] 削除済み
    [not_visible] 共有する権限がありません
   *[other] { $why }
}
dialog-description-placeholder = 任意:タイトルの下に受信者向けに表示されます
create-link = リンクを作成
dialog-sharing-collection = コレクション「{ $name }」を共有({ $count } 件のファイル)
dialog-sharing-search = 保存した検索「{ $name }」を共有(現在 { $count } 件、一致するファイルが増えれば追加)
dialog-sharing-assets = { $count } 件のファイルを共有
dialog-password-hint = 受信者は何かを見る前にこれを入力します。
dialog-max-uses-hint = 訪問 1 回につき 1 回の利用と数えます。
dialog-blocked = { $count } 件のファイルは共有できないため除外されます:
dialog-send-to = 送信先(任意)
dialog-send-to-hint = 受信者ごとに個人用リンクがメールで届くので、誰が何を開いたかがわかります。
dialog-title-needed = リンクにはタイトルが必要です。
dialog-not-made = リンクを作成できませんでした: { $reason }
embed-code = 埋め込みコード
embed-hint = Web ページやニュースレターに貼り付けてください。リンクはブラウザーの新しいタブで開きます。
embed-copy = コードをコピー
optional-message = メッセージ(任意)
email-link-to = リンクのメール送信先
email-link-need-address = メールアドレスを 1 つ以上追加してください。
email-link-sent = { $to } に送信しました。
send = 送信
ready-password = パスワードで保護されています。パスワードは別の方法で送ってください。
copy-password = パスワードをコピー
email-link = メールで送る
download-qr = QR コードをダウンロード
ready-title = リンクの準備ができました
ready-expires = 有効期限 { $date }
ready-view-only = 閲覧のみ
ready-left-out = { $count } 件のファイルを除外しました:
ready-personal-links = 受信者 { $count } 人の個人用リンク
ready-go-to-share = 共有のページへ

## Upload requests
request-files = ファイルをリクエスト
requests-intro = チーム外の人があなたにファイルを送るためのリンクです。送られたファイルはあなたのファイルに追加されます。
requests-none = リクエストはまだありません
requests-none-hint = クライアントに撮影素材や署名済みの書類をリンクで依頼できます。相手にアカウントは不要です。
request = リクエスト
request-disabled-toast = リンクを無効にしました。再び有効にするまでファイルを受け付けません
request-delete-title = このリクエストを削除しますか?
request-delete-message = リンクは使えなくなります。受け取ったファイルはあなたのファイルに残ります。
request-deleted = リクエストを削除しました
request-on-the-way = { $count } 件が送信中
request-of-the-limit = 上限のうち受信済み
request-of-size = / { $size }
request-types = 形式
request-any-type = すべて
request-lands-before = ファイルは{" "}
request-lands-link = このリクエストのコレクション
request-lands-after = に届きます。あなたが共有するまで、他の人には見えません。
request-from = 送信者
request-received = 受信日時
request-not-given = 未記入
request-no-files = ファイルはまだありません
request-no-files-hint = ファイルを持っている人にリンクを送ってください。
request-asked-by-email = メールで依頼した相手
request-email-state = メールの状態
request-what = 内容
request-event = { $type ->
    [upload] アップロード
    [deleted] 送信者が削除
    [unlock_failed] パスワード誤り
   *[other] { $type }
}
request-activity-none = アップロードがあると、ここに表示されます。
request-title-example = 例: 撮影の未編集素材
request-description-placeholder = 必要なものを、リンクを開く人に向けて
no-limit-field = 上限なし
request-types-placeholder = すべて、または例: image/*, video/*, .pdf
request-link = リクエストのリンク
request-lands-in = リンクから送られたファイルは「{ $name }」に届きます。
request-lands-in-new = リンクから送られたファイルは、リクエスト名の新しいコレクションに届きます。
request-most-files = 最大ファイル数
request-most-mb = 合計の上限(MB)
request-allowed-types = 許可する形式
request-allowed-types-hint = 名前だけでなく、各ファイルの中身で確認します。
request-ask-by-email = メールで依頼
request-ask-by-email-hint = アドレスごとに専用のリンクが届きます。

## Saved searches
search-in-collection = コレクション内
search-has = { $key } あり
search-all-assets = すべてのファイル
search-saved = 検索を保存しました
search-save = 検索を保存
search-save-hint = 後で共有できます。ファイルが増減しても、リンクは検索に追従します。
searches-intro = 検索を共有すると、リンクは訪問のたびにその時点の検索結果を表示します。
searches-none = 保存した検索はまだありません
searches-none-hint = ファイルを検索してから「検索を保存」を選んでください。
search-described = { $what } · { $date } に保存
delete-search = { $name } を削除
search-delete-message = この検索から作成したリンクには何も表示されなくなります。

## The account: two-factor sign-in
totp-title = 2 段階サインイン
totp-sso = 組織のシングルサインオンでサインインしています。そちらの 2 段階認証が適用されます。
totp-on = オン:サインイン時に認証アプリのコードを求めます。
totp-turned-off = 2 段階サインインをオフにしました。
totp-code-or-recovery = コードまたはリカバリーコード
totp-turn-off = オフにする
totp-off = オフ。認証アプリのコードをサインインに追加できます。
totp-set-up = 2 段階サインインを設定
totp-qr = 認証アプリ用の QR コード
totp-scan = 認証アプリでこれをスキャンし(またはキーを入力し)、表示されたコードを入力してください。
totp-key = キー:{" "}
totp-code-from-app = アプリのコード
totp-turn-on = オンにする
totp-recovery-codes = 2 段階サインインがオンになりました。これらのリカバリーコードを安全な場所に保管してください。それぞれ 1 回だけ、スマートフォンなしでサインインできます。表示されるのは今だけです。
totp-required = このサーバーでは、すべてのアカウントに認証アプリのコードが必要です。設定してから、コードを使ってもう一度サインインしてください。
totp-sign-in-again = 2 段階サインインがオンになりました。コードを使ってサインインしてください。

## Admin: users and the sharing policy
users-intro = アップロードや共有のためにサインインする人です。受信者にアカウントは不要です。
users-new = 新しいユーザー
users-role-of = { $email } の役割
users-role-changed = { $email } は{ $role }になりました
users-links = リンク
users-you = あなた
user = ユーザー
users-role = 役割
role-described = { $role ->
    [viewer] 閲覧者 — ファイルとリンクを見られます
    [editor] 編集者 — アップロードと共有ができます
   *[admin] 管理者 — すべての操作、すべてのリンク、ユーザー管理
}
users-display-name = 表示名
users-first-password = 初期パスワード
users-new-password = 再生成
users-first-password-hint = ユーザーの作成時にコピーされます。安全な方法で渡してください。
users-create = ユーザーを作成
users-transfer-nobody = 誰にも渡さない — リンクは使えなくなります
users-deleted = { $email } を削除しました
users-delete-title = { $email } を削除しますか?
users-delete-message = この人はサインインできなくなります。作成したリンクは、先に他の人へ引き継いだ場合にだけ使い続けられます。
users-transfer = リンクの引き継ぎ先
users-delete = ユーザーを削除
policy-allowed = 許可
policy-not-allowed = 不許可
policy-intro = 設定ファイル([sharing])で設定します。新しいリンクはこれに従い、既存のリンクは作成時のオプションを保ちます。
policy-expiry = 有効期限
policy-durations = 選べる期間
policy-default = 既定
policy-longest = 最長
policy-features = 機能
policy-passwords = パスワード
policy-view-only = 閲覧のみのリンク
policy-use-limits = 利用回数の上限
policy-watermarks = 透かし
policy-defaults = 新しいリンクの既定値
policy-email-first-visit = 初回訪問時にメール
policy-email-first-download = 初回ダウンロード時にメール
policy-attributes-shown = 表示する属性
policy-presets = プリセット
policy-no-presets = プリセットはありません。設定に [presets.NAME] セクションを追加してください。

## Admin: webhooks
webhooks-intro = イベントを署名付き JSON(ヘッダー Handoff-Signature)で他のシステムに POST します。配信に失敗すると、毎回待ち時間を延ばして再試行します(8 回まで)。
webhooks-new = 新しい Webhook
webhooks-deliveries = 配信
webhooks-send-test = テストイベントを送信
webhooks-url = URL
webhooks-events = イベント
webhooks-enabled = 有効
webhooks-none = Webhook はまだありません。
webhooks-deliveries-to = { $url } への配信
webhooks-refresh = 更新
webhooks-made = 作成日時
webhooks-tries = 試行回数
webhooks-last-answer = 最後の応答
delivery-status = { $status ->
    [pending] 再送待ち
    [delivered] 配信済み
    [failed] 失敗
   *[other] { $status }
}
webhooks-nothing-sent = まだ何も送信していません。
webhooks-test-queued = テストイベントをキューに入れました
webhooks-delete-title = この Webhook を削除しますか?
webhooks-delete-message = { $url } にはイベントが送られなくなります。
webhooks-secret = 署名用シークレット
webhooks-create = Webhook を作成
webhooks-secret-hint = 署名用シークレットは作成時にコピーされ、再表示はされません。

## The upload panel
upload = アップロード
upload-overall-progress = アップロード全体の進捗
upload-uploading = アップロード中
upload-close = アップロードを閉じる
upload-panel = アップロード
upload-overall = 全体
upload-uploading-files = { $count } 件のファイルをアップロード中…
upload-some-failed = { $done } 件完了、{ $failed } 件失敗
upload-uploaded = { $count } 件のファイルをアップロードしました
upload-progress-of = { $name } の進捗
upload-waiting = 待機中
upload-pause = 一時停止
upload-paused = 一時停止中
upload-resume = 再開
upload-resuming = 再開しています…
upload-seconds-left = 残り { $count } 秒
upload-minutes-left = 残り { $count } 分
upload-rate = { $size }/秒
upload-retrying = 接続が切れました。再試行しています…
upload-no-asset = サーバーがファイルを返しませんでした
upload-failed = 失敗
upload-drop = ファイルをドロップしてアップロード
# ---- end of the team app screens ----

## The share dialog
share-language = 受信者へのメールの言語
share-language-hint = 受信者のページは、受信者自身のブラウザーの言語で表示されます。

## Domains: the switcher, the admin page and the asset's domain panel
nav-domains = ドメイン
domain = ドメイン
domain-all = 自分のすべてのドメイン
domain-moved = { $name } に移動しました
domains-intro = 各ファイルは 1 つのドメインに属します。メンバーは自分のドメインのファイルを表示・共有できます。管理者はすべてを表示できます。
domain-new = 新しいドメイン
domain-rename = ドメイン名を変更
domain-members = メンバー
domain-move-hint = ファイルはそのページ（「ドメイン」欄）から、複数ならファイル一覧で選択してまとめて移動します。
domain-member-of = { $domain } の { $email }
domain-member-count = { $email }: ドメイン { $count } 件
n-members = メンバー { $count } 人
domain-delete-hint = 削除できるのは空のドメインだけです。先にファイルを移動し、メンバーに別のドメインを割り当ててください。
domain-move-selection = ドメインへ移動
domain-move-title = { $count } 件のファイルをドメインへ移動
domain-move = 移動
domain-moved-assets = { $count } 件のファイルを { $name } に移動しました
