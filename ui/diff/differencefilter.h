// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

/** The rows of a DiffModel, or only those that differ when the user asks for those only. */
class DifferenceFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DifferenceFilter)

public:
    explicit DifferenceFilter(QObject *parent = nullptr);

    void setOnlyDifferences(bool only);
    bool onlyDifferences() const { return m_only; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_only = false;
};
