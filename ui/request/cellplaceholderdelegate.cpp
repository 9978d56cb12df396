// SPDX-License-Identifier: GPL-3.0-or-later
#include "cellplaceholderdelegate.h"

void CellPlaceholderDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString placeholder = index.data(PlaceholderRole).toString();
    if (!option->text.isEmpty() || placeholder.isEmpty())
        return;
    option->text = placeholder;
    option->features |= QStyleOptionViewItem::HasDisplay;
    option->font.setItalic(true);
    option->palette.setBrush(QPalette::Text, option->palette.placeholderText());
    option->palette.setBrush(QPalette::HighlightedText, option->palette.placeholderText());
}
