// SPDX-License-Identifier: GPL-3.0-or-later
#include "rejectedbodyview.h"

#include "util/prettyjson.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {

constexpr int MaxLines = 8;

} // namespace

RejectedBodyView::RejectedBodyView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_body(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("rejectedBody"));
    m_body->setReadOnly(true);
    m_body->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
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
    const QString size = QLocale().formattedDataSize(change.body.size(), 1, QLocale::DataSizeTraditionalFormat);
    m_title->setText(change.body.size() >= StreamRejectedBodyLimit
                         ? tr("What the server sent (HTTP %1, its first %2):").arg(change.httpStatus).arg(size)
                         : tr("What the server sent (HTTP %1, %2):").arg(change.httpStatus).arg(size));
    // As tall as the text, up to eight lines; longer answers scroll.
    const int lines = qBound(1, m_body->document()->lineCount(), MaxLines);
    const QMargins margins = m_body->contentsMargins();
    m_body->setFixedHeight(m_body->fontMetrics().lineSpacing() * lines + int(m_body->document()->documentMargin() * 2)
                           + margins.top() + margins.bottom() + 2 * m_body->frameWidth());
    show();
}

QString RejectedBodyView::text() const
{
    return m_body->toPlainText();
}
