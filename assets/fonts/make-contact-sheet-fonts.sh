#!/bin/sh
# Makes the two fonts of the contact sheet (src/contact_sheet/fonts.rs) from Debian's packages:
#   apt-get install fonts-dejavu-core fonts-noto-cjk python3-fonttools
# DejaVuSans-Sheet.ttf: DejaVu Sans (regular) cut to Latin, Greek, Cyrillic and common signs,
#   without hinting (PDF viewers do not use it); the bold text uses DejaVuSans-Bold.ttf whole.
# NotoSansCJKjp-Sheet.otf: Noto Sans CJK JP (regular) cut to the characters of JIS X 0208
#   (kana, the 6,355 kanji of levels 1 and 2, Greek, Cyrillic) with CJK punctuation and
#   full-width forms, its variation-sequence table dropped so that no variant glyph stays.
# The sheet embeds only the glyphs a sheet uses (subsetter), so the files' size is the
# binary's growth, not the PDFs'.
set -eu
cd "$(dirname "$0")"
py=/usr/bin/python3
$py -m fontTools.subset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
  --unicodes='20-7E,A0-36F,370-3FF,400-52F,1E00-1EFF,1F00-1FFF,2000-206F,20A0-20CF,2100-214F,2190-21FF,2200-22FF,25A0-25FF' \
  --layout-features='' --no-hinting --name-IDs='*' --name-languages='*' \
  --output-file=DejaVuSans-Sheet.ttf
$py - <<'PY'
chars = set()
for a in range(0xA1, 0xFF):
    for b in range(0xA1, 0xFF):
        try:
            chars.add(bytes([a, b]).decode('euc_jp'))
        except UnicodeDecodeError:
            pass
ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x30FF), (0x31F0, 0x31FF), (0xFF00, 0xFFEF)]
for low, high in ranges:
    chars.update(chr(c) for c in range(low, high + 1))
with open('/tmp/jis-x-0208.txt', 'w') as out:
    out.write(','.join('%04X' % ord(c) for c in sorted(chars) if len(c) == 1))
PY
$py -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=0 \
  --unicodes-file=/tmp/jis-x-0208.txt --layout-features='' --no-hinting \
  --drop-tables+=vhea,vmtx,VORG,BASE --name-IDs='*' --name-languages='*' --output-file=/tmp/cjk-uvs.otf
$py - <<'PY'
from fontTools.ttLib import TTFont
font = TTFont('/tmp/cjk-uvs.otf')
font['cmap'].tables = [t for t in font['cmap'].tables if t.format != 14]
font.save('/tmp/cjk-no-uvs.otf')
PY
$py -m fontTools.subset /tmp/cjk-no-uvs.otf --unicodes-file=/tmp/jis-x-0208.txt --layout-features='' \
  --no-hinting --name-IDs='*' --name-languages='*' --output-file=NotoSansCJKjp-Sheet.otf
rm -f /tmp/jis-x-0208.txt /tmp/cjk-uvs.otf /tmp/cjk-no-uvs.otf
ls -l DejaVuSans-Sheet.ttf NotoSansCJKjp-Sheet.otf
