/*
 * partnership-course-lab: a JupyterLab 4 federated extension, written by hand (no build step).
 *
 * Why: a course notebook is the same file for every staff member, and every answer is stored
 * in the course store the moment it is made. Running the cells adds outputs, which JupyterLab
 * counts as unsaved changes: the tab shows a dot and closing it asks to save, and saving would
 * write one person's outputs into everybody's notebook. This plugin keeps every document that
 * the server reports as not writable (the course notebooks, see hub/contents.py) clean, so
 * nothing ever asks to save it and autosave never tries.
 *
 * It needs no other plugin's token: it watches the document registry for new widgets and the
 * shell for widgets restored from a saved layout.
 */
(function () {
  "use strict";
  const NAME = "partnership-course-lab";

  function keepClean(widget) {
    const context = widget && widget.context;
    if (!context || context.__partnershipClean) {
      return;
    }
    context.__partnershipClean = true;
    const isCourseFile = () =>
      context.contentsModel !== null && context.contentsModel.writable === false;
    const clean = () => {
      if (isCourseFile() && context.model.dirty) {
        context.model.dirty = false;
      }
    };
    context.model.stateChanged.connect((_, change) => {
      if (change.name === "dirty" && change.newValue) {
        clean();
      }
    });
    context.ready.then(clean);
  }

  const plugin = {
    id: NAME + ":course-notebooks-stay-clean",
    description: "Course notebooks never ask to be saved.",
    autoStart: true,
    activate: (app) => {
      const watch = (factory) => {
        if (factory && !factory.__partnershipWatched) {
          factory.__partnershipWatched = true;
          factory.widgetCreated.connect((_, widget) => keepClean(widget));
        }
      };
      const watchAll = () => {
        for (const factory of app.docRegistry.widgetFactories()) {
          watch(factory);
        }
      };
      watchAll();
      app.docRegistry.changed.connect((_, change) => {
        if (change.type === "widgetFactory" && change.change === "added") {
          watch(app.docRegistry.getWidgetFactory(change.name));
        }
      });
      app.restored.then(() => {
        watchAll();
        for (const widget of app.shell.widgets("main")) {
          keepClean(widget);
        }
      });
    },
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: () => Promise.resolve(),
    get: () => Promise.resolve(() => ({ __esModule: true, default: [plugin] })),
  };
})();
