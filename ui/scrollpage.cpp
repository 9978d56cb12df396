// SPDX-License-Identifier: GPL-3.0-or-later
#include "scrollpage.h"

#include <QScrollArea>

namespace ScrollPage {

QScrollArea *wrap(QWidget *content, QWidget *parent)
{
    auto area = new QScrollArea(parent);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    area->setWidget(content);
    return area;
}

} // namespace ScrollPage
