// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsoncolumndialog.h"

#include "util/jsonpointer.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

// "choices/0" is read as "/choices/0", as the filter bar reads it: a pointer's leading slash is easy to forget.
QString withSlash(const QString &pointer)
{
    const QString text = pointer.trimmed();
    return text.isEmpty() || text.startsWith(u'/') ? text : u'/' + text;
}

} // namespace

JsonColumnDialog::JsonColumnDialog(const JsonColumn &column, QWidget *parent)
    : QDialog(parent)
    , m_pointer(new QLineEdit(column.pointer, this))
    , m_title(new QLineEdit(column.title, this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_pointer->setPlaceholderText(u"/choices/0/delta/content"_s);
    m_pointer->setToolTip(tr("A JSON pointer (RFC 6901): the column shows what it names in each event's data"));
    m_title->setPlaceholderText(tr("the pointer"));
    m_title->setToolTip(tr("The column's heading; empty: the pointer"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    auto form = new QFormLayout;
    form->addRow(tr("JSON &pointer:"), m_pointer);
    form->addRow(tr("&Title:"), m_title);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(u'M') * 36);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_pointer, &QLineEdit::textChanged, this, &JsonColumnDialog::check);
    check();
}

JsonColumn JsonColumnDialog::column() const
{
    return {withSlash(m_pointer->text()), m_title->text().trimmed()};
}

QString JsonColumnDialog::problem() const
{
    const QString pointer = withSlash(m_pointer->text());
    if (pointer.isEmpty())
        return tr("Enter the pointer of a field, such as /choices/0/delta/content.");
    if (!JsonPointer::parse(pointer))
        return tr("\"~\" must be followed by 0 (for ~) or 1 (for /).");
    return {};
}

void JsonColumnDialog::check()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty() && !m_pointer->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}
