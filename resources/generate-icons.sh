#!/bin/sh
# Regenerates every PNG in resources/ from icon.svg and the tray glyphs below.
# Needs rsvg-convert (Debian: librsvg2-bin) and optipng. Run from the repo root or resources/.
set -eu
cd "$(dirname "$0")"
mkdir -p icons tray
for n in 16 32 48 64 128 256 512 1024; do rsvg-convert -w "$n" -h "$n" icon.svg -o "icons/${n}x${n}.png"; done
cp icons/1024x1024.png icon.png

HEX='points="8,1.5 13.6,4.75 13.6,11.25 8,14.5 2.4,11.25 2.4,4.75"'
INNER="points='8,5 10.6,6.5 10.6,9.5 8,11 5.4,9.5 5.4,6.5'"
glyph() { # state colour [badge-colour]
  case "$1" in
    idle) body="<polygon $HEX fill='none' stroke='$2' stroke-width='1.6' stroke-linejoin='round'/>" ;;
    working) body="<polygon $HEX fill='none' stroke='$2' stroke-width='1.6' stroke-linejoin='round'/><polygon $INNER fill='$2'/>" ;;
    attention) body="<polygon $HEX fill='$2' stroke='$2' stroke-width='1.6' stroke-linejoin='round'/>"
      [ -n "${3:-}" ] && body="$body<circle cx='12.5' cy='3.5' r='3' fill='$3' stroke='#1b1d22' stroke-width='1'/>" ;;
  esac
  echo "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>$body</svg>"
}
render() { # svg-text file size
  echo "$1" | rsvg-convert -w "$3" -h "$3" -o "$2"
}
for s in idle working attention; do
  t=$(glyph "$s" '#000000')
  render "$t" "tray/tray-${s}Template.png" 16
  render "$t" "tray/tray-${s}Template@2x.png" 32
done
for spec in 'idle #d6dae2' 'working #5cc8ff' 'attention #ff9f2e #ff4d4d'; do
  set -- $spec
  t=$(glyph "$@")
  render "$t" "tray/tray-$1.png" 32
  render "$t" "tray/tray-$1@2x.png" 64
done
optipng -quiet -o5 -strip all icons/*.png tray/*.png icon.png
