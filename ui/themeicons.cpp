// SPDX-License-Identifier: GPL-3.0-or-later
#include "themeicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace {

// Each glyph on a 16 by 16 grid.
QPainterPath pathOf(ThemeIcons::Glyph glyph)
{
    QPainterPath path;
    const auto triangle = [&path](qreal left, qreal right) {
        path.moveTo(left, 3);
        path.lineTo(right, 8);
        path.lineTo(left, 13);
        path.closeSubpath();
    };
    switch (glyph) {
    case ThemeIcons::Glyph::Play:
        triangle(4, 13);
        break;
    case ThemeIcons::Glyph::Pause:
        path.addRect(4, 3, 3, 10);
        path.addRect(9, 3, 3, 10);
        break;
    case ThemeIcons::Glyph::StepRead:
        triangle(2, 8);
        triangle(8, 14);
        break;
    case ThemeIcons::Glyph::StepEvent:
        triangle(3, 11);
        path.addRect(11, 3, 2, 10);
        break;
    case ThemeIcons::Glyph::Restart:
        path.addRect(3, 3, 2, 10);
        path.moveTo(13, 3);
        path.lineTo(5, 8);
        path.lineTo(13, 13);
        path.closeSubpath();
        break;
    case ThemeIcons::Glyph::Record:
        path.addEllipse(QPointF(8, 8), 5, 5);
        break;
    case ThemeIcons::Glyph::Stop:
        path.addRect(4, 4, 8, 8);
        break;
    case ThemeIcons::Glyph::Follow:
        path.moveTo(4, 3);
        path.lineTo(12, 3);
        path.lineTo(12, 4.5);
        path.lineTo(4, 4.5);
        path.closeSubpath();
        path.moveTo(6.5, 5.5);
        path.lineTo(9.5, 5.5);
        path.lineTo(9.5, 9);
        path.lineTo(12, 9);
        path.lineTo(8, 13.5);
        path.lineTo(4, 9);
        path.lineTo(6.5, 9);
        path.closeSubpath();
        break;
    }
    return path;
}

QPixmap draw(const QPainterPath &path, const QColor &colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 16.0, size / 16.0);
    painter.fillPath(path, colour);
    return pixmap;
}

} // namespace

QIcon ThemeIcons::icon(Glyph glyph, const QPalette &palette)
{
    const QPainterPath path = pathOf(glyph);
    QColor normal = palette.color(QPalette::Active, QPalette::ButtonText);
    if (glyph == Glyph::Record || glyph == Glyph::Stop)
        normal = QColor(0xd0, 0x3b, 0x3b); // the recording red of the state line, readable on both themes
    QColor disabled = palette.color(QPalette::Disabled, QPalette::ButtonText);
    if (disabled == normal)
        disabled.setAlphaF(0.4f);
    QIcon icon;
    for (const int size : {16, 20, 24, 32, 48}) {
        if (glyph == Glyph::Follow) {
            QColor off = normal;
            off.setAlphaF(0.35f);
            icon.addPixmap(draw(path, palette.color(QPalette::Active, QPalette::Highlight), size), QIcon::Normal,
                           QIcon::On);
            icon.addPixmap(draw(path, off, size), QIcon::Normal, QIcon::Off);
        } else {
            icon.addPixmap(draw(path, normal, size), QIcon::Normal);
        }
        icon.addPixmap(draw(path, disabled, size), QIcon::Disabled, QIcon::Off);
        icon.addPixmap(draw(path, disabled, size), QIcon::Disabled, QIcon::On);
    }
    return icon;
}
