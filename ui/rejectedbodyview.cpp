// SPDX-License-Identifier: GPL-3.0-or-later
#include "rejectedbodyview.h"

#include "util/prettyjson.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

RejectedBodyView::RejectedBodyView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_body(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("rejectedBody"));
    m_body->setReadOnly(true);
    m_body->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setMaximumHeight(m_body->fontMetrics().lineSpacing() * 8);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_body);
    hide();
}

void RejectedBodyView::showChange(const StreamStateChange &change)
{
    if (change.body.isEmpty()) {
        hide();
        m_body->clear();
        return;
    }
    const QString text = QString::fromUtf8(change.body);
    QJsonParseError error;
    QJsonDocument::fromJson(change.body, &error);
    m_body->setPlainText(error.error == QJsonParseError::NoError ? PrettyJson::indent(text) : text);
    m_title->setText(
        tr("What the server sent (HTTP %1, first %2 bytes at most):").arg(change.httpStatus).arg(change.body.size()));
    show();
}

QString RejectedBodyView::text() const
{
    return m_body->toPlainText();
}
