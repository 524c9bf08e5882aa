# barrage (BARRAGE_HOME) and barrage_old (BARRAGE_OLD_HOME: another checkout) side by side in the peers kit:
#   BARRAGE_OLD_HOME=/path/to/old EXTRA_ADAPTERS=$PWD/bench/adapters-both.sh ../shared/peers/run-all.sh -b B1 -t "barrage barrage_old" -r 3
source "$BARRAGE_HOME/bench/adapters-barrage.sh"
TOOLS="${TOOLS:-} barrage_old"
barrage_old_version() { BARRAGE_HOME=$BARRAGE_OLD_HOME barrage_version; }
barrage_old_model() { barrage_model "$@"; }
barrage_old_prepare() { BARRAGE_HOME=$BARRAGE_OLD_HOME barrage_prepare; }
barrage_old_cmd() { local h=$BARRAGE_HOME; BARRAGE_HOME=$BARRAGE_OLD_HOME; barrage_cmd "$@"; BARRAGE_HOME=$h; }
barrage_old_parse() { barrage_parse "$@"; }
