// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPalette>
#include <QString>

/** The look: the system's (default), or a light or dark Fusion palette the user picked. */
namespace Theme {

/** "" follows the system; "light" and "dark" force a palette. Call after QApplication exists. */
void apply(const QString &theme);
/** True when the palette's windows are dark, so that charts and highlights pick matching colours. */
bool isDark(const QPalette &palette);
/** The background of diagnostic rows: the palette's base tinted amber, so its text keeps its contrast. */
QColor diagnosticBackground(const QPalette &palette);

} // namespace Theme
