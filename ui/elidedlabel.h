// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

/**
 * A one-line label for text that changes while the window is open (a status line, a count): it asks for its
 * text's width but asks for little as its minimum, and ends in "…" when it is given less, so that a long text
 * never makes the window wider. Where the whole text fits it behaves as a QLabel, selection included.
 */
class ElidedLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;
    /** True when the text is cut to the width it has. */
    bool isElided() const;

protected:
    void paintEvent(QPaintEvent *event) override;
};
