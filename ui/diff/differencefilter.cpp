// SPDX-License-Identifier: GPL-3.0-or-later
#include "differencefilter.h"

#include "diffmodel.h"

DifferenceFilter::DifferenceFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void DifferenceFilter::setOnlyDifferences(bool only)
{
    if (only == m_only)
        return;
    m_only = only;
    invalidateFilter();
}

bool DifferenceFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    Q_UNUSED(sourceParent)
    return !m_only || static_cast<const DiffModel *>(sourceModel())->rowDiffers(sourceRow);
}
