#!/bin/sh
# Screenshots of the full-screen app for the README, from a real terminal: the release binary
# runs in xterm under Xvfb, driven through tmux, and each screen is saved as a PNG in
# assets/screenshots/.
#
# Needs these Debian packages: xvfb, xterm, x11-apps (xwd), imagemagick (convert),
# fonts-dejavu-core, tmux.    apt-get install xvfb xterm x11-apps imagemagick fonts-dejavu-core tmux
# Run from the repository root:  sh tests/tools/screenshot.sh
set -eu

cargo build --release --quiet --bin weighup
bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/weighup")
out=assets/screenshots
mkdir -p "$out"
tmp=$(mktemp -d)
display=":${SCREENSHOT_DISPLAY:-77}"
sock=weighup-screenshot
# ImageMagick's own convert (a stand-in may come first on PATH).
convert=/usr/bin/convert
[ -x "$convert" ] || convert=convert

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
sleep 1
export DISPLAY="$display"
export LC_ALL=C.UTF-8 LANG=C.UTF-8

cols=100
rows=30
tmux -u -L "$sock" -f /dev/null new-session -d -s shot -x "$cols" -y "$rows" \
    "env WEIGHUP_DATA_DIR=$tmp TERM=xterm-256color $bin"
tmux -L "$sock" set -g status off
xterm -u8 -geometry "${cols}x${rows}+0+0" -fa 'DejaVu Sans Mono' -fs 12 \
    -bg '#1c1e22' -fg '#e6e6e6' -b 12 -bw 0 -T weighup \
    -e tmux -u -L "$sock" attach -t shot >/dev/null 2>&1 &
sleep 1.5

keys() {
    for k in "$@"; do
        tmux -L "$sock" send-keys -t shot "$k"
        sleep 0.15
    done
    sleep 0.4
}

shot() {
    sleep 0.6
    xwd -root -silent | "$convert" xwd:- -trim +repage "png:$out/$1.png"
    echo "saved $out/$1.png"
}

# A hospital weighing up a patient-letters assistant (the built-in bank's order).
keys Enter
keys 4          # highly sensitive information
keys Down Down  # focus on "Only inside our country or region"
shot question
keys 5          # never outside our own buildings
keys 1 Enter    # regulation: health
keys 1 4 Enter  # guarantees: no training, a data processing agreement
keys n          # no privacy promise to customers
keys Tab        # no note
keys 3 y 2 2    # no AI computers; a cloud agreement; a little skill; would hire people
keys 2 3        # live in months; meant to last years
keys 3 2 2      # large volume, working hours, within seconds
keys y          # business use
keys 0 . 5 Enter  # half a million users
keys 2 Enter    # 2 million dollars a month
keys 4          # based elsewhere
keys n          # no training on outputs
keys 3 Enter    # not passing the model on
keys 1 Enter    # medical advice
keys 4 2 n      # worried about lock-in; changes need planning; works online
keys 2 2 1 2    # look things up; test and document; most work needs the best; split by sensitivity
keys Tab        # no note
shot check
keys r
shot result
keys NPage
shot result-reasons
keys l
shot licences
keys Escape
keys Tab Enter
shot flag
