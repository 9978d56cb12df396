// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/streamlog.h"

#include <QJsonDocument>
#include <QWidget>

class EventListModel;
class JsonTreeModel;
class QAction;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTextBrowser;
class QToolButton;
class QTreeView;

/**
 * The selected row in full: a header with where and when it arrived, its data as text, as a JSON tree and in
 * hex, and the network reads it arrived in. What it shows is copied when the row is shown, so the row may be
 * evicted afterwards.
 */
class DetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailPane)

public:
    enum Tab { TextTab, JsonTab, HexTab, ChunksTab };
    enum class CopyFormat { Data, PrettyJson, Hex, Ndjson };

    explicit DetailPane(QWidget *parent = nullptr);
    ~DetailPane() override;

    /** Shows the row of model (a source row, not a proxy row); a row out of range clears the pane. */
    void showRow(const EventListModel *model, int sourceRow);
    void clear();

    /** The sequence number of the row shown, 0 when none. */
    qint64 shownSequence() const { return m_sequence; }
    /** What a copy button puts on the clipboard; empty when there is nothing to copy in that format. */
    QString copyText(CopyFormat format) const;

    QString headerText() const;
    /** Says what a huge row left out of the Text and Hex tabs; empty when everything is shown. */
    QString cutNote() const;
    QPlainTextEdit *textEdit() const { return m_text; }
    QString hexText() const;
    JsonTreeModel *jsonModel() const { return m_jsonModel; }
    QTreeView *jsonView() const { return m_jsonView; }
    bool isJsonAvailable() const;
    QTabWidget *tabs() const { return m_tabs; }
    int chunkCount() const { return m_chunkCount; }
    /** The Chunks tab as plain text. */
    QString chunksText() const;

Q_SIGNALS:
    /** The user asked to show only events whose JSON has value at pointer. */
    void jsonFilterRequested(const QString &pointer, const QString &value);

private:
    void showJson();
    void showChunks(const StreamLog &log, int row);
    void expandJsonTree();
    void showJsonMenu(const QPoint &position);
    void copy(CopyFormat format);
    void updateButtons();
    SseDiagnostic diagnostic() const;

    QLabel *m_header;
    QLabel *m_cutNote;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_text;
    JsonTreeModel *m_jsonModel;
    QTreeView *m_jsonView;
    QPlainTextEdit *m_hex;
    QTextBrowser *m_chunks;
    QToolButton *m_copyData;
    QToolButton *m_copyAs;
    QAction *m_copyJson;
    QAction *m_copyHex;
    QAction *m_copyNdjson;

    // A copy of the row shown.
    StreamLog::Kind m_kind = StreamLog::Kind::Event;
    qint64 m_sequence = 0;
    qint64 m_wallMs = 0;
    int m_attempt = 0;
    qint64 m_streamOffset = 0;
    qint64 m_streamEndOffset = 0;
    QByteArray m_type;
    QByteArray m_id;
    QByteArray m_data;
    SseDiagnostic::Kind m_diagnostic = SseDiagnostic::Kind::UnknownField;
    QJsonDocument m_document;
    int m_chunkCount = 0;
};
