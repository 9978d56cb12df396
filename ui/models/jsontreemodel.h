// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QJsonDocument>
#include <QJsonValue>

#include <memory>
#include <vector>

/**
 * A read-only tree over a JSON document: one row per member or element, in the order QJsonObject and
 * QJsonArray give them. Rows are made when a view asks for them, so a document with huge arrays costs only
 * what is shown.
 */
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PointerRole = Qt::UserRole, // the RFC 6901 pointer to the value, as QString
        JsonValueRole, // the value as QJsonValue
        ValueTextRole, // the whole value as JsonPointer::valueText writes it, never shortened
    };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    /** Shows document (an object or array); a null document empties the model. */
    void setDocument(const QJsonDocument &document);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** "string", "number", "boolean"...: a JSON type as the Type column names it. */
    static QString typeName(QJsonValue::Type type);

private:
    struct Node
    {
        QJsonValue value;
        QString key; // member name, or the element's index
        Node *parent = nullptr;
        int row = 0;
        // Sized to the member count on first use; a child is made when it is first asked for.
        std::vector<std::unique_ptr<Node>> children;
        bool sized = false;
    };

    Node *nodeOf(const QModelIndex &index) const;
    Node *childOf(Node *parent, int row) const;
    static int childCount(const Node *node);
    static QString pointerOf(const Node *node);

    std::unique_ptr<Node> m_root;
};
