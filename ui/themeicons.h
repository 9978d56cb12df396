// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QPalette>

/**
 * The window's own tool icons, drawn in the palette's colours so that they read on light and dark themes alike
 * (the style's media icons are dark glyphs that vanish on a dark palette). Call again when the palette changes.
 */
class ThemeIcons final
{
public:
    ThemeIcons() = delete;

    enum class Glyph { Play, Pause, StepRead, StepEvent, Restart, Record, Stop, Follow };

    /** The glyph in the palette's button text colour, greyed when disabled. A checkable glyph (Follow) is drawn
     *  in the highlight colour when on and faint when off, so that its state shows at a glance. */
    static QIcon icon(Glyph glyph, const QPalette &palette);
};
