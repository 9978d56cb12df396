// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QScrollArea;
class QWidget;

namespace ScrollPage {

/** content in a frameless scroll area that resizes it: a tall page (a form, charts) scrolls in a small window
 *  instead of making the window taller than the screen. */
QScrollArea *wrap(QWidget *content, QWidget *parent);

} // namespace ScrollPage
