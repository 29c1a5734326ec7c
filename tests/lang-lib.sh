# Shared by the language tests: the six languages, what each says where a
# user looks, and a feed whose dates fall in this year (so lists show the
# month by name).  Source after lib.sh.
LANGS="nl en de fr es pt"

if [ "${USE_NLS:-yes}" != yes ]; then
	echo "$(basename "$0"): built without native language support; skipped"
	exit 77
fi
if [ ! -f "${TIDINGS_LOCALEDIR:-}/de/LC_MESSAGES/tidings.mo" ]; then
	echo "$(basename "$0"): no compiled catalogs in TIDINGS_LOCALEDIR; skipped"
	exit 77
fi

# say LANG KEY: the text LANG shows for KEY, as its catalog has it.
say() {
	case $2 in
	usage) set -- "$1" "Gebruik: tidings" "Usage: tidings" \
	    "Aufruf: tidings" "Utilisation : tidings" "Uso: tidings" \
	    "Utilização: tidings" ;;
	langopt) set -- "$1" "de taal van de interface" \
	    "the interface language" "die Sprache der Oberfläche" \
	    "la langue de l'interface" "el idioma de la interfaz" \
	    "a língua da interface" ;;
	try) set -- "$1" "Typ 'tidings --help' voor meer informatie." \
	    "Try 'tidings --help' for more information." \
	    "'tidings --help' liefert weitere Informationen." \
	    "Saisissez 'tidings --help' pour plus d'informations." \
	    "Pruebe 'tidings --help' para más información." \
	    "Experimente 'tidings --help' para mais informações." ;;
	finished) set -- "$1" "Verversen voltooid:" "Refresh finished:" \
	    "Aktualisierung abgeschlossen:" "Actualisation terminée :" \
	    "Actualización terminada:" "Atualização concluída:" ;;
	new1) set -- "$1" "1 nieuw artikel" "1 new article" \
	    "1 neuer Artikel" "1 nouvel article" "1 artículo nuevo" \
	    "1 artigo novo" ;;
	new2) set -- "$1" "2 nieuwe artikelen" "2 new articles" \
	    "2 neue Artikel" "2 nouveaux articles" "2 artículos nuevos" \
	    "2 artigos novos" ;;
	feeds) set -- "$1" "Feeds" "Feeds" "Feeds" "Flux" "Feeds" "Feeds" ;;
	all) set -- "$1" "Alle artikelen" "All articles" "Alle Artikel" \
	    "Tous les articles" "Todos los artículos" "Todos os artigos" ;;
	article) set -- "$1" "Artikel" "Article" "Artikel" "Article" \
	    "Artículo" "Artigo" ;;
	status) set -- "$1" "Alle artikelen: 3 van 3 ongelezen" \
	    "All articles: 3 unread of 3" "Alle Artikel: 3 von 3 ungelesen" \
	    "Tous les articles : 3 non lus sur 3" \
	    "Todos los artículos: 3 sin leer de 3" \
	    "Todos os artigos: 3 não lidos de 3" ;;
	keys) set -- "$1" "Toetsen (elke andere toets sluit deze hulp)" \
	    "Keys (any other key closes this help)" \
	    "Tasten (jede andere Taste schließt diese Hilfe)" \
	    "Touches (toute autre touche ferme cette aide)" \
	    "Teclas (cualquier otra tecla cierra esta ayuda)" \
	    "Teclas (qualquer outra tecla fecha esta ajuda)" ;;
	langkey) set -- "$1" "De taal van de interface kiezen" \
	    "Choose the interface language" \
	    "Die Sprache der Oberfläche wählen" \
	    "Choisir la langue de l'interface" \
	    "Elegir el idioma de la interfaz" \
	    "Escolher a língua da interface" ;;
	# French counts 0 as one; the others count it as many.
	found0) set -- "$1" "0 artikelen gevonden" "0 articles found" \
	    "0 Artikel gefunden" "0 article trouvé" \
	    "0 artículos encontrados" "0 artigos encontrados" ;;
	found1) set -- "$1" "1 artikel gevonden" "1 article found" \
	    "1 Artikel gefunden" "1 article trouvé" \
	    "1 artículo encontrado" "1 artigo encontrado" ;;
	found2) set -- "$1" "2 artikelen gevonden" "2 articles found" \
	    "2 Artikel gefunden" "2 articles trouvés" \
	    "2 artículos encontrados" "2 artigos encontrados" ;;
	# The list date of 15 October this year.
	listdate) set -- "$1" "15 okt" "15 Oct" "15. Okt" "15 oct." \
	    "15 oct" "15 out" ;;
	# The header's date of 15 October this year at 10:00 UTC.
	headdate) set -- "$1" "Datum: $(wday "$1") 15 okt $YEAR 10:00" \
	    "Date: $(wday "$1") 15 Oct $YEAR 10:00" \
	    "Datum: $(wday "$1"), 15. Okt $YEAR, 10:00" \
	    "Date : $(wday "$1") 15 oct. $YEAR, 10:00" \
	    "Fecha: $(wday "$1"), 15 oct $YEAR, 10:00" \
	    "Data: $(wday "$1"), 15 out $YEAR, 10:00" ;;
	*) echo "say: no key $2" >&2; return 1 ;;
	esac
	pick "$@"
}

# pick LANG NL EN DE FR ES PT
pick() {
	case $1 in
	nl) printf '%s\n' "$2" ;;
	en) printf '%s\n' "$3" ;;
	de) printf '%s\n' "$4" ;;
	fr) printf '%s\n' "$5" ;;
	es) printf '%s\n' "$6" ;;
	pt) printf '%s\n' "$7" ;;
	esac
}

# The abbreviated day name of 15 October this year.
wday() {
	set -- "$1" $(pick "$1" "zo ma di wo do vr za" "Sun Mon Tue Wed Thu Fri Sat" \
	    "So Mo Di Mi Do Fr Sa" "dim. lun. mar. mer. jeu. ven. sam." \
	    "dom lun mar mié jue vie sáb" "dom seg ter qua qui sex sáb")
	shift "$WDAY"
	printf '%s\n' "$2"
}

YEAR=$(date -u +%Y)
WDAY=$(date -u -d "$YEAR-10-15" +%w)

# lang_feed FILE TITLE N: an RSS feed of N articles (1 to 3), dated
# 15 October this year; "alpha" is in one, "omega" in two.
lang_feed() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<rss version="2.0"><channel><title>%s</title>\n' "$2"
		printf '<link>https://lang.example/</link>\n'
		i=1
		while [ "$i" -le "$3" ]; do
			case $i in
			1) t="Harbour alpha opens"; d="The omega quay." ;;
			2) t="Bridge closes"; d="An omega detour." ;;
			*) t="Rain all week"; d="Umbrellas." ;;
			esac
			printf '<item><title>%s</title><guid>urn:%s-%d</guid>\n' \
			    "$t" "$2" "$i"
			printf '<pubDate>%s, 15 Oct %s 10:00:0%d +0000</pubDate>\n' \
			    "$(date -u -d "$YEAR-10-15" +%a)" "$YEAR" "$((3 - i))"
			printf '<description>%s</description></item>\n' "$d"
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} > "$1"
}
