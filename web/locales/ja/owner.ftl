# 共有とリクエストの所有者へのメール（アプリで選んだ言語で）。

owner-someone-at = { $address } の誰か
owner-a-recipient = 受信者
owner-opened-subject = { $who } さんが「{ $title }」を開きました
owner-downloaded-subject = { $who } さんが「{ $title }」からダウンロードしました
owner-opened = { $who } さんがあなたの共有「{ $title }」を開きました。
owner-downloaded = { $who } さんがあなたの共有「{ $title }」からダウンロードしました。
owner-the-share = 共有：{ $link }
owner-digest-subject = あなたの共有のリンク { $count } 件が開かれたかダウンロードされました
owner-digest-intro = 前回のメール以降：
owner-files-subject = 「{ $title }」に新しいファイルが { $count } 件
owner-files-intro = リクエスト「{ $title }」からファイルが届きました：
owner-file-line = { $name }（{ $size }）送信者：{ $sender }
owner-sender-unnamed = 名前を入力しなかった人
owner-files-see = 表示する
owner-files-see-text = 表示する：{ $link }
