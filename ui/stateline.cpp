// SPDX-License-Identifier: GPL-3.0-or-later
#include "stateline.h"

#include "elidedlabel.h"
#include "net/streamtypes.h"
#include "recordcontrol.h"

#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::Literals::StringLiterals;

StateLine::StateLine(QWidget *parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_record(new RecordControl(this))
    , m_response(new ElidedLabel(this))
{
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setWordWrap(true);
    m_state->setToolTip(tr("The session's state and why it is in it"));
    m_response->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_response->setToolTip(tr("The last response's status line; its headers are in the tooltip and under "
                              "Statistics"));
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state, 1);
    layout->addWidget(m_record);
    layout->addWidget(m_response);
}

StateLine::~StateLine() = default;

void StateLine::showResponse(const StreamResponse &response)
{
    QString line = u"HTTP %1 %2"_s.arg(response.status).arg(QString::fromLatin1(response.reasonPhrase));
    QStringList headers;
    for (const auto &[name, value] : response.headers)
        headers << QString::fromLatin1(name) + u": "_s + QString::fromLatin1(value);
    m_response->setText(line.trimmed());
    m_response->setToolTip(headers.join(u'\n'));
}

void StateLine::clearResponse()
{
    m_response->clear();
}
