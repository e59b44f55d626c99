return Flaskr.FlaskrApp.Create().Run(args);
