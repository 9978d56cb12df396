// SPDX-License-Identifier: GPL-3.0-or-later
#include "difffilesbar.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

DiffFilesBar::DiffFilesBar(QWidget *parent)
    : QWidget(parent)
    , m_pathA(new QLineEdit(this))
    , m_pathB(new QLineEdit(this))
{
    auto layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto addFileRow = [&](int row, const QString &label, QLineEdit *field, const QString &title) {
        auto name = new QLabel(label, this);
        name->setBuddy(field);
        field->setPlaceholderText(tr("A recording (.sserec)"));
        field->setClearButtonEnabled(true);
        connect(field, &QLineEdit::returnPressed, this, &DiffFilesBar::compareRequested);
        auto browseButton = new QPushButton(tr("Browse…"), this);
        connect(browseButton, &QPushButton::clicked, this, [this, field, title]() { browse(field, title); });
        layout->addWidget(name, row, 0);
        layout->addWidget(field, row, 1);
        layout->addWidget(browseButton, row, 2);
    };
    addFileRow(0, tr("&A:"), m_pathA, tr("Open Recording A"));
    addFileRow(1, tr("&B:"), m_pathB, tr("Open Recording B"));
    auto swapButton = new QPushButton(tr("&Swap"), this);
    swapButton->setToolTip(tr("Compare B with A: A becomes B and B becomes A"));
    connect(swapButton, &QPushButton::clicked, this, &DiffFilesBar::swapRequested);
    auto compareButton = new QPushButton(tr("&Compare"), this);
    compareButton->setToolTip(tr("Read both recordings again and compare them"));
    connect(compareButton, &QPushButton::clicked, this, &DiffFilesBar::compareRequested);
    layout->addWidget(swapButton, 0, 3);
    layout->addWidget(compareButton, 1, 3);
    layout->setColumnStretch(1, 1);
}

void DiffFilesBar::setFiles(const QString &a, const QString &b)
{
    m_pathA->setText(QDir::toNativeSeparators(a));
    m_pathB->setText(QDir::toNativeSeparators(b));
}

QString DiffFilesBar::fileA() const
{
    return QDir::fromNativeSeparators(m_pathA->text().trimmed());
}

QString DiffFilesBar::fileB() const
{
    return QDir::fromNativeSeparators(m_pathB->text().trimmed());
}

void DiffFilesBar::swapFiles()
{
    const QString a = m_pathA->text();
    m_pathA->setText(m_pathB->text());
    m_pathB->setText(a);
}

void DiffFilesBar::browse(QLineEdit *field, const QString &title)
{
    const QString current = QDir::fromNativeSeparators(field->text().trimmed());
    const QString directory = current.isEmpty() ? QString() : QFileInfo(current).absolutePath();
    const QString path
        = QFileDialog::getOpenFileName(this, title, directory, tr("SSE Scope recordings (*.sserec);;All files (*)"));
    if (path.isEmpty())
        return;
    field->setText(QDir::toNativeSeparators(path));
    if (!fileA().isEmpty() && !fileB().isEmpty())
        Q_EMIT compareRequested();
}
