using MicroWeb.Sample;

// Flask's `flask` command: serves by default; `-- routes`, `-- --help`, settings flags such as `-- --port 8080`.
return SampleApp.Build().Run(args);
