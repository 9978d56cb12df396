// SPDX-License-Identifier: GPL-3.0-or-later
#include "curlimportdialog.h"

#include "net/curlcommand.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

CurlImportDialog::CurlImportDialog(QWidget *parent)
    : QDialog(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import curl command"));
    auto intro = new QLabel(tr("Paste a curl command, such as the browser's “Copy as cURL” of a request in the "
                               "developer tools, or an example from API documentation. Files (@file) are not read."),
                            this);
    intro->setWordWrap(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(u"curl 'https://api.example.com/v1/stream' \\\n  -H 'Authorization: Bearer …' \\\n"
                               u"  --data-raw '{\"stream\": true}'"_s);
    m_edit->setToolTip(tr("bash quoting ('…', \"…\", $'…', \\ line ends) and cmd quoting (^) are understood"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    m_buttons->button(QDialogButtonBox::Ok)
        ->setToolTip(tr("Replace the tab's request with this one; the "
                        "policies stay as they are"));

    auto layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(720, 420);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &CurlImportDialog::parse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    parse();
}

void CurlImportDialog::setCommand(const QString &command)
{
    m_edit->setPlainText(command);
    m_edit->selectAll(); // a paste replaces it rather than adding a second command
}

QString CurlImportDialog::message() const
{
    return m_message->text();
}

void CurlImportDialog::parse()
{
    const QString command = m_edit->toPlainText();
    QString error;
    QStringList warnings;
    m_request = command.trimmed().isEmpty() ? std::nullopt : CurlCommand::parse(command, &error, &warnings);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_request.has_value());
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     m_request ? this->palette().color(QPalette::WindowText) : QColor(0xc6, 0x28, 0x28));
    m_message->setPalette(palette);
    if (command.trimmed().isEmpty()) {
        m_message->clear();
    } else if (!m_request) {
        m_message->setText(error);
    } else {
        QStringList lines{tr("Ready to import: %1 %2, %n header(s)", nullptr, int(m_request->headers.size()))
                              .arg(QString::fromUtf8(m_request->method), m_request->url.toString())};
        if (!m_request->body.isEmpty())
            lines.last() += tr(", a body of %n byte(s)", nullptr, int(m_request->body.size()));
        lines << warnings;
        m_message->setText(lines.join(u'\n'));
    }
}
