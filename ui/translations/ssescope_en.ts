<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CurlImportDialog</name>
    <message numerus="yes">
        <source>Ready to import: %1 %2, %n header(s)</source>
        <translation>
            <numerusform>Ready to import: %1 %2, %n header</numerusform>
            <numerusform>Ready to import: %1 %2, %n headers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, a body of %n byte(s)</source>
        <translation>
            <numerusform>, a body of %n byte</numerusform>
            <numerusform>, a body of %n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiagnosticText</name>
    <message numerus="yes">
        <source>%n diagnostic(s)</source>
        <translation>
            <numerusform>%n diagnostic</numerusform>
            <numerusform>%n diagnostics</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JsonFilterHint</name>
    <message numerus="yes">
        <source>%1 is in none of the %n JSON event(s).</source>
        <translation>
            <numerusform>%1 is not in the one JSON event.</numerusform>
            <numerusform>%1 is in none of the %n JSON events.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No exact match; %n row(s) contain %1 with surrounding spaces (such as %2).</source>
        <translation>
            <numerusform>No exact match; %n row contains %1 with surrounding spaces (such as %2).</numerusform>
            <numerusform>No exact match; %n rows contain %1 with surrounding spaces (such as %2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No match in this case; %n row(s) match when case is ignored (such as %1): turn Aa off.</source>
        <translation>
            <numerusform>No match in this case; %n row matches when case is ignored (such as %1): turn Aa off.</numerusform>
            <numerusform>No match in this case; %n rows match when case is ignored (such as %1): turn Aa off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No exact match; %1 is a string in %n row(s) that reads as the number %2 (such as %3), and a string is compared as text.</source>
        <translation>
            <numerusform>No exact match; %1 is a string in %n row that reads as the number %2 (such as %3), and a string is compared as text.</numerusform>
            <numerusform>No exact match; %1 is a string in %n rows that reads as the number %2 (such as %3), and a string is compared as text.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No exact match; %n row(s) contain %1 (such as %2): choose &quot;contains&quot;.</source>
        <translation>
            <numerusform>No exact match; %n row contains %1 (such as %2): choose &quot;contains&quot;.</numerusform>
            <numerusform>No exact match; %n rows contain %1 (such as %2): choose &quot;contains&quot;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %2 values in %n row(s); none matches %3 (compared as %4).</source>
        <translation>
            <numerusform>%1 holds %2 values in %n row; none matches %3 (compared as %4).</numerusform>
            <numerusform>%1 holds %2 values in %n rows; none matches %3 (compared as %4).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProducerPanel</name>
    <message numerus="yes">
        <source>Running on &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; &amp;mdash; %n stream(s) open</source>
        <translation>
            <numerusform>Running on &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; &amp;mdash; %n stream open</numerusform>
            <numerusform>Running on &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; &amp;mdash; %n streams open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message numerus="yes">
        <source>%1 s · %Ln read(s)</source>
        <translation>
            <numerusform>%1 s · %Ln read</numerusform>
            <numerusform>%1 s · %Ln reads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StateText</name>
    <message numerus="yes">
        <source>stop rule: %n event(s) received</source>
        <translation>
            <numerusform>stop rule: %n event received</numerusform>
            <numerusform>stop rule: %n events received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n attempt(s)</source>
        <translation>
            <numerusform>gave up after %n attempt</numerusform>
            <numerusform>gave up after %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StreamController</name>
    <message numerus="yes">
        <source>The oldest %n row(s) of this session were no longer in the tab (the retention limit or Clear removed them), so the export starts after them. Record the tab (Ctrl+R) to keep a whole session.</source>
        <translation>
            <numerusform>The oldest %n row of this session was no longer in the tab (the retention limit or Clear removed it), so the export starts after it. Record the tab (Ctrl+R) to keep a whole session.</numerusform>
            <numerusform>The oldest %n rows of this session were no longer in the tab (the retention limit or Clear removed them), so the export starts after them. Record the tab (Ctrl+R) to keep a whole session.</numerusform>
        </translation>
    </message>
</context>
</TS>
