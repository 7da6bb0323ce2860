# 受信者側：リンクのページと受信者へのメール。

## Page shell
skip-to-content = 本文へスキップ
language = 言語

## 404
not-found-title = リンクが見つかりません
not-found-body = このアドレスに共有はありません。リンクの入力ミスか、途中で切れている可能性があります。すべてコピーしたかご確認ください。
not-found-hint = それでも開けない場合は、リンクを送った人に新しいリンクを依頼してください。

## 410
gone-expired = このリンクは有効期限が切れています
gone-recipient-expired = あなたのリンクは有効期限が切れています
gone-disabled = このリンクは無効になっています
gone-used-up = このリンクは利用回数の上限に達しました
gone-creator-deleted = このリンクは使用できなくなりました
gone-recipient-removed = あなたのアクセス権は削除されました
gone-asset-unavailable = このファイルは利用できなくなりました
gone-why-expired = 共有ファイルは期間限定で公開されており、その期間が終了しました。
gone-why-disabled = 共有した人がリンクを一時的に無効にしています。
gone-why-used-up = 開ける回数に上限があり、すべて使用されました。
gone-why-creator-deleted = 共有した人のアカウントはここにはもうありません。
gone-why-recipient-removed = 共有した人があなたのアクセス権を削除しました。
gone-why-asset-unavailable = ファイルは取り下げられたか、有効期限が切れました。
gone-ask = 共有した人に新しいリンクを依頼してください。
gone-ask-named = 共有した { $who } さんに新しいリンクを依頼してください。

## Password
unlock-title = 保護されたリンク
unlock-heading = このリンクは保護されています
unlock-intro = ファイルを表示するには、受け取ったパスワードを入力してください。
unlock-wrong = パスワードが違います。もう一度お試しください。
unlock-password = パスワード
unlock-open = 開く
unlock-no-password = パスワードがない場合は、リンクを共有した人にお問い合わせください。

## 429
slow-title = 試行回数が多すぎます
slow-body = パスワードの入力ミスが多すぎます。安全のため、{ $wait }後にもう一度お試しください。
slow-seconds = { $count } 秒
slow-minutes = { $count } 分
slow-lost = パスワードを紛失した場合は、リンクを共有した人にお問い合わせください。

## Landing page
landing-summary = { $count } 個のファイル · { $size }
landing-available-until = { $date } まで利用可能
landing-uses-left = 残り { $count } 回
landing-view-only = 閲覧のみ
landing-download-all = すべてダウンロード
landing-download-all-files = すべてのファイルをダウンロード
landing-views = 表示
landing-grid-view = グリッド表示
landing-grid = グリッド
landing-list-view = リスト表示
landing-list = リスト
landing-empty = この共有には現在ファイルがありません。
landing-empty-ask = 共有した人にお問い合わせください。
landing-name = 名前
landing-files = ファイル
landing-play = { $name } を再生
landing-open = { $name } を表示
landing-download = ダウンロード
landing-download-one = { $name } をダウンロード
landing-footer = { $brand } で共有 · { $date } まで利用可能

## What a file is
kind-image = 画像
kind-video = 動画
kind-audio = 音声
kind-document = 文書
kind-other = ファイル

## Attribute columns
column-type = 種類
column-size = サイズ
column-dimensions = 寸法
column-duration = 長さ

## Downloads
variant-original = オリジナル
variant-preview = プレビュー
variant-thumbnail = サムネイル
variant-preset = プリセット「{ $name }」
variant-page = { $page } ページ
variant-proxy = 再生用コピー
variant-attachment = 添付ファイル
attachment-named = 添付ファイル「{ $name }」
contact-sheet = コンタクトシート (PDF)
sheet-footer = { $page } / { $pages } ページ - { $count } ファイル
download-everything = すべて
download-all-files = すべてのファイル
download-only = { $variant }のみ
download-csv-only = 属性 (CSV) のみ

## The lightbox
lightbox-close = 閉じる
lightbox-previous = 前へ
lightbox-next = 次へ
lightbox-previous-page = 前のページ
lightbox-next-page = 次のページ
lightbox-page = { $page } / { $total } ページ

## Formats
date-time = { $year }年{ $month }月{ $day }日 { $time } UTC
size = { $value } { $unit ->
    [b] B
    [kb] KB
    [mb] MB
    [gb] GB
   *[tb] TB
}

## Emails to recipients
email-shared-subject = { $sharer } さんが「{ $title }」を共有しました
email-shared-intro = { $sharer } さんが「{ $title }」をあなたと共有しました。
email-message = メッセージ：
email-summary = { $count } 個のファイル · { $date } まで利用可能
email-open = 共有を開く
email-open-text = 開く：{ $link }
email-reminder-subject = リマインダー：「{ $title }」は { $date } まで利用可能です
email-reminder-body = { $sharer } さんが「{ $title }」をあなたと共有しましたが、まだダウンロードされていません。リンクは { $date } まで有効です。

## Upload request page (/u/…); request.js fills in {name}, {status} and {received}
request-asked-by = 依頼者: { $name }
request-open-until = { $date } まで受付
request-limit-files = 最大 { $count } ファイル
request-limit-size = 合計 { $size } まで
request-limit-types = { $types } のみ
request-your-name = お名前
request-your-email = メールアドレス
request-optional = (任意)
request-drop = ここにファイルをドロップ
request-drop-or = または
request-choose = ファイルを選択
request-your-files = 送信したファイル
request-nothing-sent = まだ何も送信していません。送信したファイルはここに表示され、リンクが有効な間は削除できます。このリンクを持つ他の人には表示されません。
request-needs-script = ファイルの送信には JavaScript が必要です。
request-waiting = 待機中
request-sent = 送信済み
request-remove = 削除
request-progress = { $name } の進行状況
request-failed = 失敗しました ({ $status })
request-count = { $received } / { $max } ファイル

## Emails to those asked for files (an upload request)
email-request-subject = { $asker } さんからファイルの依頼:「{ $title }」
email-request-intro = { $asker } さんが「{ $title }」のファイルの送信を依頼しています。
email-request-open-until = { $date } まで受付
email-request-send = ファイルを送信
email-request-send-text = ファイルを送信: { $link }
