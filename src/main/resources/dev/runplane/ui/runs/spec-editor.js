// The spec editor's browser half (SpecEditor.java), run once per editor with executeJs: line numbers in the
// gutter (the text area's prefix, so both scroll together), lines with errors marked there, and Tab that indents
// instead of leaving the field. Escape, then Tab, leaves the editor as usual (no keyboard trap).
(function (host, gutter) {
  var ta = host.querySelector('textarea');
  if (!ta || ta.__runplaneEditor) {
    return;
  }
  ta.__runplaneEditor = true;
  ta.setAttribute('wrap', 'off');
  ta.setAttribute('spellcheck', 'false');
  var INDENT = '  ';
  var escaped = false;
  var shown = '';

  function render() {
    var count = ta.value.split('\n').length;
    var marks = gutter.getAttribute('data-error-lines') || '';
    var key = count + '|' + marks;
    if (key === shown) {
      return;
    }
    shown = key;
    var errors = {};
    marks.split(',').forEach(function (n) { if (n) { errors[n] = true; } });
    var out = document.createDocumentFragment();
    for (var i = 1; i <= count; i++) {
      var line = document.createElement('div');
      line.className = errors[i] ? 'spec-line spec-line-error' : 'spec-line';
      line.textContent = (errors[i] ? '\u25b8' : '') + i;
      out.appendChild(line);
    }
    gutter.replaceChildren(out);
  }

  function changed() {
    // Vaadin's field takes its value from input events; one is sent for every change made here
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    render();
  }

  function lineStart(pos) {
    return ta.value.lastIndexOf('\n', pos - 1) + 1;
  }

  function indent(outdent) {
    var start = ta.selectionStart;
    var end = ta.selectionEnd;
    if (!outdent && start === end) {
      ta.setRangeText(INDENT, start, end, 'end');
      return;
    }
    var from = lineStart(start);
    var block = ta.value.substring(from, end);
    var lines = block.split('\n');
    var moved = lines.map(function (l) {
      return outdent ? l.replace(/^ {1,2}/, '') : INDENT + l;
    });
    var text = moved.join('\n');
    ta.setRangeText(text, from, end, 'preserve');
    var firstShift = moved[0].length - lines[0].length;
    ta.setSelectionRange(Math.max(from, start + firstShift), from + text.length);
  }

  ta.addEventListener('input', render);
  ta.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      escaped = true;
      return;
    }
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey || escaped) {
      escaped = false;
      return; // a Tab after Escape moves on, as Tab does everywhere else
    }
    e.preventDefault();
    indent(e.shiftKey);
    changed();
  });
  ta.addEventListener('blur', function () { escaped = false; });

  gutter.runplaneRender = render;
  // puts the caret on a line (1-based) and column, selecting the rest of that line, and scrolls it into view
  host.runplaneGoTo = function (line, column) {
    var lines = ta.value.split('\n');
    var n = Math.min(Math.max(line, 1), lines.length);
    var offset = 0;
    for (var i = 0; i < n - 1; i++) {
      offset += lines[i].length + 1;
    }
    var col = Math.min(Math.max(column || 1, 1) - 1, lines[n - 1].length);
    ta.focus();
    ta.setSelectionRange(offset + col, offset + lines[n - 1].length);
    var mark = gutter.children[n - 1];
    if (mark) {
      mark.scrollIntoView({ block: 'nearest' });
    }
  };
  render();
})($0, $1);
