// SPDX-License-Identifier: GPL-3.0-or-later
#include "bodyeditor.h"

#include "jsonbody.h"
#include "util/jsonsniff.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int CheckDelayMs = 250;

} // namespace

BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_hint(new QLabel(this))
    , m_status(new QLabel(this))
    , m_format(new QPushButton(tr("Format"), this))
{
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(tr("No body. POST requests to LLM APIs send their JSON here."));
    m_edit->setToolTip(tr("The request body, sent as it is (UTF-8). It is sent again on every reconnect."));
    m_hint->setTextFormat(Qt::RichText);
    m_hint->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_hint->setToolTip(tr("The Content-Type header tells the server how to read the body; set it on the Headers "
                          "page."));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setToolTip(tr("Checked while you type when the body looks like JSON or the Content-Type says JSON"));
    m_format->setToolTip(tr("Indent the JSON body, two spaces per level, keeping the order of the members"));
    m_format->setEnabled(false);
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(CheckDelayMs);

    auto bottom = new QHBoxLayout;
    bottom->addWidget(m_hint);
    bottom->addStretch();
    bottom->addWidget(m_status);
    bottom->addWidget(m_format);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addLayout(bottom);

    connect(m_edit, &QPlainTextEdit::textChanged, this, [this]() {
        if (!m_setting)
            m_exact = false;
        m_checkTimer.start();
        Q_EMIT bodyChanged();
    });
    connect(&m_checkTimer, &QTimer::timeout, this, &BodyEditor::checkNow);
    connect(m_format, &QPushButton::clicked, this, &BodyEditor::format);
    connect(m_hint, &QLabel::linkActivated, this,
            [this](const QString &link) { Q_EMIT contentTypeRequested(link.toUtf8()); });
    checkNow();
}

void BodyEditor::setBody(const QByteArray &body)
{
    m_setting = true;
    m_edit->setPlainText(QString::fromUtf8(body));
    m_setting = false;
    m_exactBody = body;
    m_exact = true;
    checkNow();
}

QByteArray BodyEditor::body() const
{
    return m_exact ? m_exactBody : m_edit->toPlainText().toUtf8();
}

void BodyEditor::setContentType(const QByteArray &contentType)
{
    if (contentType == m_contentType)
        return;
    m_contentType = contentType;
    checkNow();
}

void BodyEditor::checkNow()
{
    m_checkTimer.stop();
    updateHint();
    const QByteArray text = body();
    const bool json
        = !text.trimmed().isEmpty() && (JsonBody::isJsonType(m_contentType) || JsonSniff::looksLikeContainer(text));
    const std::optional<QString> error = json ? JsonBody::error(text) : std::nullopt;
    m_format->setEnabled(json && !error);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     error ? QColor(0xc6, 0x28, 0x28) : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
    if (!json)
        m_status->clear();
    else if (error)
        m_status->setText(tr("JSON error at %1").arg(*error));
    else
        m_status->setText(tr("valid JSON"));
}

QString BodyEditor::jsonStatus() const
{
    return m_status->text();
}

bool BodyEditor::format()
{
    const QByteArray text = body();
    if (text.trimmed().isEmpty() || JsonBody::error(text))
        return false;
    // Through the cursor, so that Ctrl+Z takes the formatting back.
    QTextCursor cursor(m_edit->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(QString::fromUtf8(JsonBody::pretty(text)));
    checkNow();
    return true;
}

void BodyEditor::updateHint()
{
    const QByteArray text = body();
    if (text.isEmpty()) {
        m_hint->setText(tr("No body is sent."));
    } else if (!m_contentType.isEmpty()) {
        m_hint->setText(tr("Sent as %1 (Content-Type header).").arg(QString::fromUtf8(m_contentType).toHtmlEscaped()));
    } else if (JsonSniff::looksLikeContainer(text)) {
        m_hint->setText(tr("No Content-Type: sent as application/x-www-form-urlencoded. "
                           "<a href=\"application/json\">Send as application/json</a>"));
    } else {
        m_hint->setText(tr("No Content-Type: sent as application/x-www-form-urlencoded."));
    }
}
