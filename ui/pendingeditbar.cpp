// SPDX-License-Identifier: GPL-3.0-or-later
#include "pendingeditbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

PendingEditBar::PendingEditBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_reconnect(new QPushButton(this))
{
    setObjectName(QStringLiteral("pendingEditBar"));
    m_text->setText(tr("The request was changed. The running session goes on as it was started; the change "
                       "applies from the next connection."));
    m_text->setWordWrap(true);
    m_reconnect->setObjectName(QStringLiteral("applyEditNow"));
    m_reconnect->setText(tr("Reconnect Now"));
    m_reconnect->setToolTip(tr("End the running session and connect again with the changed request"));
    auto icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation, nullptr, this).pixmap(size, size));
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reconnect);
    connect(m_reconnect, &QPushButton::clicked, this, &PendingEditBar::reconnectRequested);
    hide();
}
