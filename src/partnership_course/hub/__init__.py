"""The course on JupyterHub: one server per staff member, one shared response store.

`partnership-course hub` writes a small `jupyterhub_config.py` that loads `settings.json` and
calls `config.configure`; each concern lives in its own module:

- `settings`  what a district chooses (ports, store, gradebook, coaches, log-in, spawner)
- `auth`      log-in: NativeAuthenticator, Google Workspace, Microsoft Entra ID
- `spawner`   the user servers: command, start page, environment, teacher vs coach set-up
- `roles`     the coaches group and what each role may reach
- `services`  hub-managed services: formgrader for coaches, the idle culler, and a list where
              other coach-only services are added
- `contents`  a contents manager that never writes into a course notebook
- `launch`    the `partnership-course hub` command and the process it runs
"""
