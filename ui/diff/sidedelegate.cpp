// SPDX-License-Identifier: GPL-3.0-or-later
#include "sidedelegate.h"

#include "diffmodel.h"

#include <QPainter>

void SideDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    if (index.column() != DiffModel::TypeBColumn && index.column() != DiffModel::DeltaColumn)
        return;
    QColor line = option.palette.color(QPalette::Text);
    line.setAlpha(110);
    painter->save();
    painter->setPen(QPen(line, 1));
    painter->drawLine(option.rect.topLeft(), option.rect.bottomLeft());
    painter->restore();
}
