// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

/** Shows a grey, italic text in an empty cell, as a line edit shows its placeholder (PlaceholderRole). */
class CellPlaceholderDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CellPlaceholderDelegate)

public:
    /** The role that holds a cell's placeholder text. */
    static constexpr int PlaceholderRole = Qt::UserRole + 1;

    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
