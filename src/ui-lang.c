/*
 * ui-lang.c owns the language menu (L): the six languages by their own
 * names, the switch to the chosen one with the whole screen drawn again
 * in it at once, and, when asked with s, the language saved in the
 * config the reader was started with.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "txt.h"
#include "ui-int.h"
#include "xmalloc.h"

static void	 lang_apply(struct ui *, size_t, int);

void
lang_open(struct ui *ui)
{
	size_t	 i;

	ui->lang_sel = 0;
	for (i = 0; i < I18N_NLANGS; i++)
		if (strcmp(i18n_langs[i].code, i18n_current()) == 0)
			ui->lang_sel = i;
	ui->overlay = OVERLAY_LANG;
	ui->dirty = 1;
}

void
lang_draw(struct ui *ui)
{
	const struct i18n_lang	*l;
	char			*line;
	size_t			 i;
	int			 y, h = ui->lines - 1, a;

	for (y = 0; y < h; y++)
		ui_fill(y, 0, ui->cols);
	if (h < 1)
		return;
	/* TRANSLATORS: the language menu's title. */
	ui_put(ui, 0, 1, ui->cols - 1, _("Interface language"),
	    ui_color(ui, CONF_HEADING));
	for (i = 0; i < I18N_NLANGS && (int)i + 2 < h; i++) {
		l = &i18n_langs[i];
		line = xprintf(" %c %zu  %s", strcmp(l->code,
		    i18n_current()) == 0 ? '*' : ' ', i + 1, l->name);
		a = ui_color(ui, i == ui->lang_sel ? CONF_SELECTED :
		    CONF_NORMAL);
		ui_put(ui, (int)i + 2, 1, ui->cols - 1, line, a);
		free(line);
	}
	y = I18N_NLANGS + 3;
	if (y < h)
		/* TRANSLATORS: under the language menu; Enter, s and Esc
		   are keys and stay as they are. */
		ui_put(ui, y, 1, ui->cols - 1, _("Enter: use it now   s: use "
		    "it and save it in the config   Esc: close"),
		    ui_color(ui, CONF_DIM));
	if (y + 1 < h) {
		line = txt_sanitize(ui->config_path, strlen(ui->config_path),
		    TXT_ONELINE);
		ui_put(ui, y + 1, 1, ui->cols - 1, line,
		    ui_color(ui, CONF_DIM));
		free(line);
	}
}

/* A key while the menu is open. */
void
lang_key(struct ui *ui, uint32_t k)
{
	enum cmd	 c;

	ui->dirty = 1;
	if (k >= '1' && k < '1' + I18N_NLANGS) {
		lang_apply(ui, k - '1', 0);
		return;
	}
	if (k == KEYS_ENTER || k == 's' || k == 'S') {
		lang_apply(ui, ui->lang_sel, k != KEYS_ENTER);
		return;
	}
	c = keys_lookup(ui->conf->keys, k);
	if (c == CMD_UP || c == CMD_DOWN) {
		if (c == CMD_UP && ui->lang_sel > 0)
			ui->lang_sel--;
		else if (c == CMD_DOWN && ui->lang_sel + 1 < I18N_NLANGS)
			ui->lang_sel++;
		return;
	}
	ui->overlay = OVERLAY_NONE;
}

/*
 * Speaks language i from now on: what the panes keep translated (the
 * list's title, the article's header, the error view's problems) is made
 * again, the rest is translated as it is drawn.
 */
static void
lang_apply(struct ui *ui, size_t i, int save)
{
	const struct i18n_lang	*l = &i18n_langs[i];
	char			*cause = NULL;
	size_t			 atop = ui->atop;
	int			 saved = 0;

	ui->overlay = OVERLAY_NONE;
	i18n_set(l->code);
	if (save) {
		saved = conf_save_language(ui->config_path, l->code,
		    &cause) == 0;
		if (saved) {
			free(ui->conf->language);
			ui->conf->language = xstrdup(l->code);
		}
	}
	if (ui->list_loaded)
		items_load(ui, 1);
	if (ui->art_id != 0) {
		article_open(ui, ui->art_id);
		ui->atop = atop;
	}
	ui_warnings_reload(ui);
	clearok(stdscr, TRUE);
	ui->dirty = 1;
	if (cause != NULL) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	} else if (saved)
		/* TRANSLATORS: %1$s is the language's own name, %2$s a
		   file. */
		ui_message(ui, 0, _("Interface language: %1$s, saved in %2$s"),
		    l->name, ui->config_path);
	else
		/* TRANSLATORS: %s is the language's own name, "Deutsch". */
		ui_message(ui, 0, _("Interface language: %s"), l->name);
}
